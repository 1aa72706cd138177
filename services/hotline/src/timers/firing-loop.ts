// The package's firing loop on the hotline's table (tests drive it directly).
import { TimerFiringLoop, type FiringLoopOptions } from '@bureau/durable-timers';
import { hotlineTimersTable } from './timer-table.js';

export class DeadlineTimerLoop extends TimerFiringLoop {
  constructor(options: Omit<FiringLoopOptions, 'table'>) {
    super({ ...options, table: hotlineTimersTable });
  }
}
