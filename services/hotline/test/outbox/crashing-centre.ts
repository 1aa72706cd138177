// Run as a child process by crash-safety.test.ts: a centre whose deliverer, once the platform has
// answered a POST, reports it on stdout and then stalls before recording the outcome, so the test can
// SIGKILL the process between the POST and the mark.
import { startCentre } from './support.js';

const databaseUrl = process.env.DATABASE_URL;
const platformUrl = process.env.PLATFORM_URL;
if (!databaseUrl || !platformUrl) throw new Error('crashing-centre needs DATABASE_URL and PLATFORM_URL');

const stallAfterPost: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  process.stdout.write(`posted ${response.status}\n`);
  return await new Promise<Response>(() => undefined);
};

await startCentre({ teardown: () => undefined }, databaseUrl, platformUrl, { fetch: stallAfterPost, timeoutMs: 1_000, leaseMs: 1_500 });
process.stdout.write('ready\n');
