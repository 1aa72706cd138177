// One worker thread of a verification spread over threads (verify-in-workers.ts): it is handed the events
// of its share of the streams, in $all order (so each stream's in revision order), and checks their chains
// with the same ChainChecker as a pass on one thread. Batches arrive as JSON text (cheaper to hand over
// than objects: one string copy), and are acknowledged one by one; `finish` answers with the verdict.
import type { Json, JsonObject } from '@bureau/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { ChainChecker, type StreamHead } from './chain-checker.js';
import type { ToChainWorker } from './verify-in-workers.js';

if (!parentPort) throw new Error('chain-worker.ts runs as a worker thread');
const port = parentPort;
const { anchored } = workerData as { readonly anchored: readonly StreamHead[] };
const checker = new ChainChecker(new Map(anchored.map((h) => [h.stream, h])));

port.on('message', (message: ToChainWorker) => {
  if (message.kind === 'batch') {
    const rows = JSON.parse(message.json) as [string, string, string, string, Json, JsonObject, string][];
    for (const [streamName, revision, id, type, data, metadata, hash] of rows) {
      checker.observe({ streamName, revision: BigInt(revision), id, type, data, metadata, hash });
    }
    port.postMessage({ kind: 'ack', events: rows.length });
  } else {
    port.postMessage({ kind: 'verdict', events: checker.events, streams: checker.streams, findings: checker.finish() });
  }
});
