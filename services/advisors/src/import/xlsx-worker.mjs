// The XLSX worker's entry: a worker thread does not inherit the main thread's TypeScript loader (tsx),
// so it registers it for itself before loading the worker's TypeScript (as audit's chain worker does).
import { register } from 'tsx/esm/api';

register();
await import('./xlsx-worker.ts');
