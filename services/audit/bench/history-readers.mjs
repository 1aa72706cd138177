// The bench's readers, in their own thread so that reading responses does not share the service's event
// loop: `readers` each walk `urls` in order (a whole history, page after page), again and again for
// `seconds`, timing each request and each whole walk; posts both, sorted (ms). Plain node:http over one
// kept-alive connection per reader: the readers share the service's two cores, and fetch (undici) spent
// about 1.1–1.9 ms of CPU per request here against about 1 ms for the service itself (request-cpu.ts);
// the auditors' own browsers are not on the service's machine.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { urls, authorization, readers, seconds, expectBytes } = workerData;
const agents = Array.from({ length: readers }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
const once = (url, agent) => new Promise((resolve, reject) => {
  const req = request(url, { agent, headers: { authorization } }, (res) => {
    let bytes = 0;
    res.on('data', (chunk) => { bytes += chunk.length; });
    res.on('end', () => {
      if (res.statusCode !== 200 || bytes < expectBytes) reject(new Error(`history: ${res.statusCode}, ${bytes} bytes`));
      else resolve();
    });
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end();
});
for (const url of urls) await once(url, agents[0]);
const requests = [];
const walks = [];
const deadline = Date.now() + seconds * 1000;
await Promise.all(agents.map(async (agent) => {
  while (Date.now() < deadline) {
    const walkStarted = performance.now();
    for (const url of urls) {
      const started = performance.now();
      await once(url, agent);
      requests.push(performance.now() - started);
    }
    walks.push(performance.now() - walkStarted);
  }
}));
for (const agent of agents) agent.destroy();
const sorted = (a) => a.sort((x, y) => x - y);
parentPort.postMessage({ requests: sorted(requests), walks: sorted(walks) });
