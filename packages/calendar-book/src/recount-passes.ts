// 时限重算's scheduling, for every service that counts limits provisionally: when the calendar changes (a
// year loaded here, by another instance, or found at start), one pass over what was counted provisionally;
// one pass at a time, and a change during a pass asks for one more. A failed pass is reported and left to
// the next change or start (each recount's command id is derived from the calendar version, so passes
// that overlap across instances record each recount once).
export interface RecountPassesOptions {
  /** The calendar's change notification (CalendarBook.onChange); returns the way to stop listening. */
  readonly onChange: (listener: () => void) => () => void;
  readonly pass: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

export interface RecountPasses {
  /** Ask for a pass (at start, say). */
  schedule(): void;
  /** Ask for a pass and wait until no pass is running (tests). */
  recountNow(): Promise<void>;
  /** Stop listening and wait for the pass running, if any. */
  stop(): Promise<void>;
}

export function recountPasses({ onChange, pass, onError }: RecountPassesOptions): RecountPasses {
  let running: Promise<void> | undefined;
  let again = false;
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch(onError);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
  };
  const stopListening = onChange(schedule);
  return {
    schedule,
    async recountNow() {
      schedule();
      await running;
    },
    async stop() {
      stopListening();
      await running;
    },
  };
}
