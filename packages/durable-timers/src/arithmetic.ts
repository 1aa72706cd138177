// `@bureau/durable-timers/arithmetic`: the pure deadline arithmetic alone (no database, no pg or kysely
// at run time), for a domain core that records the same due moments its timers will fire at.
export { dueOf, addLocalDays, type Deadline, type DeadlineUnit, type TimerCalendar } from './deadline.js';
export { CIVIL_CODE_ART_201, remainingAtPause, dueOnResume } from './paused-clock.js';
export { workingHoursBetween } from './working-time.js';
export { timerIdOf, type IsoInstant, type TimerChange, type TimerRules } from './timer-change.js';
