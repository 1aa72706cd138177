// history-readers.mjs in a process of its own (argv[2]: its workerData as JSON), so that the CPU the
// service's process spends is the service's alone (request-cpu.ts). Prints what the readers post.
import { Worker } from 'node:worker_threads';

const worker = new Worker(new URL('./history-readers.mjs', import.meta.url), { workerData: JSON.parse(process.argv[2]) });
worker.once('message', (result) => {
  // This process's CPU too (the readers' own cost: the load generator shares the cores).
  const { user, system } = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...result, cpuUs: user + system }));
  process.exit(0);
});
worker.once('error', (error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
