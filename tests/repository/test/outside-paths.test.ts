import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { outsidePathsIn } from '../src/outside-paths.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Generated or vendored files: the lockfile names registry paths, not ours.
const skipped = /(^|\/)(pnpm-lock\.yaml|node_modules\/)/;

t.test('no file in the repository names a path outside it', async (t) => {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && !skipped.test(f));
  t.ok(files.length > 100, `${files.length} files read`);
  const found = files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(resolve(root, file), 'utf8');
    } catch {
      return []; // listed but deleted in the working tree
    }
    return text.includes('\0') ? [] : outsidePathsIn(root, file, text);
  });
  t.same(found, [], 'name files by their path in the repository (the domain reference is docs/domain/README.md)');
});

t.test('the check finds both kinds, and lets paths inside the repository pass', async (t) => {
  // Samples are put together at run time, so that this file does not itself name a path outside.
  const root = '/srv/checkout';
  const up = (n: number) => '../'.repeat(n);
  const machine = '/' + 'wo' + 'rk/shared/domain/README.md';
  t.same(outsidePathsIn(root, 'services/a/src/rules.ts', `// see ${machine}`).length, 1, 'an absolute machine folder');
  t.same(outsidePathsIn(root, 'README.md', `the reference (\`${up(1)}shared/domain/README.md\`)`).map((f) => f.text), [`${up(1)}shared/domain/README.md`]);
  t.same(outsidePathsIn(root, 'services/a/src/x.ts', `import { y } from '${up(4)}elsewhere/y.js';`).length, 1, 'climbing out through imports');
  t.same(outsidePathsIn(root, 'services/a/src/x.ts', "import { y } from '../../../packages/y/src/y.js';"), [], 'a relative import inside the repository');
  t.same(outsidePathsIn(root, 'docs/x.md', 'see docs/domain/README.md and https://example.org/work/x'), []);
});
