// recountPasses: one pass at a time; a calendar change during a pass asks for exactly one more; a failed
// pass is reported and the next change runs again; stop() stops listening.
import t from 'tap';
import { recountPasses } from '../src/index.js';

t.test('one pass at a time, one more for changes during it, errors reported, stop', async (t) => {
  const listeners = new Set<() => void>();
  const change = () => { for (const l of listeners) l(); };
  let passes = 0;
  let release: (() => void) | undefined;
  let fail = false;
  const errors: unknown[] = [];
  const recount = recountPasses({
    onChange: (listener) => { listeners.add(listener); return () => void listeners.delete(listener); },
    pass: async () => {
      passes += 1;
      if (fail) throw new Error('store down');
      await new Promise<void>((resolve) => { release = resolve; });
    },
    onError: (error) => errors.push(error),
  });
  change();
  t.equal(passes, 1, 'a change starts a pass');
  change();
  change();
  t.equal(passes, 1, 'changes during a pass do not start another at once');
  release?.();
  await new Promise((r) => setTimeout(r, 10));
  t.equal(passes, 2, 'one more pass for the changes during the first');
  release?.();
  await new Promise((r) => setTimeout(r, 10));
  t.equal(passes, 2, 'and no more');
  fail = true;
  await recount.recountNow();
  t.equal(errors.length, 1, 'a failed pass is reported');
  await recount.stop();
  change();
  t.equal(passes, 3, 'no pass after stop');
});
