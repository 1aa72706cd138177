// Records delivered tries in batches: the first answer is written at once, and the answers that arrive
// while that write is in flight wait and go together in the next one (recordDelivered). Under load the
// deliverer then makes one write per batch of answers instead of one per message; alone, no wait.
import { recordDelivered, type DeliveredTry, type OutboxDb } from './queue-queries.js';

interface Waiting extends DeliveredTry {
  readonly resolve: (recorded: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/** Most tries in one statement. */
const MAX_BATCH = 500;

export class DeliveredRecorder {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: OutboxDb,
    private readonly table: string,
    /** The batch write (tests count its calls). */
    private readonly write: typeof recordDelivered = recordDelivered,
  ) {}

  /** True if the claim still held and the delivery is recorded (as recordTry's answer). */
  record(delivered: DeliveredTry): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ ...delivered, resolve, reject });
      this.writing ??= this.writeAll().finally(() => {
        this.writing = undefined;
      });
    });
  }

  private async writeAll(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        const recorded = await this.write(this.db, this.table, batch);
        for (const w of batch) w.resolve(recorded.has(w.message.idempotencyKey));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }
}
