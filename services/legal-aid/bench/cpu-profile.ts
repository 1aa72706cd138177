// A CPU profile of one phase of the bench (`BENCH_REBUILD_PROFILE=file.cpuprofile`): V8's sampling
// profiler through the inspector, started and stopped around the phase, written where Chrome's DevTools
// and `node --cpu-prof`'s readers open it. The phase alone, not the writing of the events before it.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export async function startProfile(path: string | undefined): Promise<{ stop(): Promise<void> } | undefined> {
  if (!path) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
