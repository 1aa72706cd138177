// The benchmark's building blocks, for other packages' benches that measure against the store's limits
// in the same run (e.g. services/hotline/bench).
export { CONCURRENCY, STREAMS, runFor, interleaved, sampleData, sampleMetadata, streamFor, forEachConcurrently, type PhaseResult } from './workload.js';
export { openInsertLimit, type InsertLimit } from './limit.js';
