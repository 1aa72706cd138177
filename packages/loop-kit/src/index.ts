export { Wakeup } from './wakeup.js';
export { sleep } from './sleep.js';
export { backoffDelayMs, type Backoff } from './backoff.js';
export { errorCode, errorFacts } from './error-facts.js';
