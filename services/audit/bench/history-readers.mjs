// The bench's readers, in their own thread so that reading responses does not share the service's event
// loop: `readers` loops GET `url` for `seconds`, each timing its requests; posts the sorted times (ms).
import { parentPort, workerData } from 'node:worker_threads';

const { url, authorization, readers, seconds, expectBytes } = workerData;
const once = async () => {
  const res = await fetch(url, { headers: { authorization } });
  const body = await res.arrayBuffer();
  if (res.status !== 200 || body.byteLength < expectBytes) throw new Error(`history: ${res.status}, ${body.byteLength} bytes`);
};
for (let i = 0; i < 5; i += 1) await once();
const times = [];
const deadline = Date.now() + seconds * 1000;
await Promise.all(Array.from({ length: readers }, async () => {
  while (Date.now() < deadline) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
}));
parentPort.postMessage(times.sort((a, b) => a - b));
