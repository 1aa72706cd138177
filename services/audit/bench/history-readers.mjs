// The bench's readers, in their own thread so that reading responses does not share the service's event
// loop: `readers` each walk `urls` in order (a whole history, page after page), again and again for
// `seconds`, timing each request and each whole walk; posts both, sorted (ms).
import { parentPort, workerData } from 'node:worker_threads';

const { urls, authorization, readers, seconds, expectBytes } = workerData;
const once = async (url) => {
  const res = await fetch(url, { headers: { authorization } });
  const body = await res.arrayBuffer();
  if (res.status !== 200 || body.byteLength < expectBytes) throw new Error(`history: ${res.status}, ${body.byteLength} bytes`);
};
for (const url of urls) await once(url);
const requests = [];
const walks = [];
const deadline = Date.now() + seconds * 1000;
await Promise.all(Array.from({ length: readers }, async () => {
  while (Date.now() < deadline) {
    const walkStarted = performance.now();
    for (const url of urls) {
      const started = performance.now();
      await once(url);
      requests.push(performance.now() - started);
    }
    walks.push(performance.now() - walkStarted);
  }
}));
const sorted = (a) => a.sort((x, y) => x - y);
parentPort.postMessage({ requests: sorted(requests), walks: sorted(walks) });
