// Run as a child process by crash-safety.test.ts: a centre whose deliverer, once the platform has
// answered a POST, reports it on stdout and then stalls before recording the outcome, so the test can
// SIGKILL the process between the POST and the mark.
import { postOverHttp, type PlatformPost } from '../../src/outbox/platform-post.js';
import { startCentre } from './support.js';

const databaseUrl = process.env.DATABASE_URL;
const platformUrl = process.env.PLATFORM_URL;
if (!databaseUrl || !platformUrl) throw new Error('crashing-centre needs DATABASE_URL and PLATFORM_URL');

const stallAfterPost: PlatformPost = async (url, request) => {
  const answer = await postOverHttp(url, request);
  process.stdout.write(`posted ${answer.status}\n`);
  return await new Promise<never>(() => undefined);
};

await startCentre({ teardown: () => undefined }, databaseUrl, platformUrl, { post: stallAfterPost, timeoutMs: 1_000, leaseMs: 1_500 });
process.stdout.write('ready\n');
