// Step 1 of 受理 (submission.ts), per process: one writer per numbering stream. Counters of one district
// that submit at once queue here, and whoever is waiting when the stream's previous append returns goes in
// the next append together: one append of N allocations, with the expected revision the process knows,
// sequences tip + 1 … tip + N. So the counters of one process never race each other for the stream's row
// lock (each lost race used to cost a read, a failed append and a commit's wait, and blocked the group
// commit batch it sat in); the stream's revision check still decides between processes, and a process that
// lost learns the tip from the refusal and goes again. The stream is still the sequence: gap-free (every
// revision is a number) and duplicate-free (one event per revision), on either store.
// On PostgreSQL the allocations and their applications' first events go in one append, all or nothing
// (`allocateWithApplication`): one statement, one transaction, so a number never stands without its
// application and a submission makes one append, not two. Elsewhere (EventStoreDB: no transaction across
// streams) the application is written after its allocation (submission.ts, completeAllocation).
import { AppendsRefusedError, InvalidEventStoreInputError, WrongExpectedRevisionError, type AppendResult, type EventStore, type EventToAppend, type ExpectedRevision, type GlobalPosition } from '@bureau/event-store';
import { IdempotencyKeyReusedError } from '@bureau/service-kit';
import { formatApplicationNumber } from './application-number.js';
import { numberingEvents, numberingStreamName } from './numbering-events.js';
import { allocationIdOf, applicationAppendOf, findAllocation, latest, numberingYearOf, type Allocation, type AllocationInput } from './submission.js';

/**
 * Most allocations in one append: each carries a whole receipt (a few KiB), and EventStoreDB refuses an
 * append over 1 MiB (packages/event-store/src/eventstoredb/append.ts, MAX_APPEND_BYTES).
 */
const MAX_BATCH = 32;
/** Appends refused for another process's numbers, in a row, before a submission gives up (a 5xx). */
const MAX_ROUNDS = 200;

/** An allocation, and its application's append when it went in the same transaction. */
export interface Allocated {
  readonly allocation: Allocation;
  /** Undefined: the application is still to be written from the allocation (completeAllocation). */
  readonly application?: AppendResult;
}

interface Waiting {
  readonly input: AllocationInput;
  /** The application stream's revision as the route read it: its first event goes with the allocation. */
  readonly application?: ExpectedRevision;
  readonly resolve: (allocated: Allocated) => void;
  readonly reject: (error: unknown) => void;
}

/** An allocation as appended: its revision in the numbering stream and (at the latest) its position. */
export interface AppendedAllocation {
  readonly revision: bigint;
  readonly position: GlobalPosition;
  readonly allocation: Allocation;
}

type StreamAppend = { readonly streamName: string; readonly events: readonly EventToAppend[]; readonly expectedRevision: ExpectedRevision };
/** Several streams' appends, written together or not at all (PostgreSQL's appendToStreams, allOrNothing). */
type AppendTogether = (appends: readonly StreamAppend[]) => Promise<AppendResult[]>;

function appendTogetherOf(store: EventStore): AppendTogether | undefined {
  const postgres = store as EventStore & { appendToStreams?: (appends: readonly StreamAppend[], options: { allOrNothing: boolean }) => Promise<AppendResult[]> };
  const appendToStreams = postgres.appendToStreams;
  return typeof appendToStreams === 'function' ? (appends) => appendToStreams.call(store, appends, { allOrNothing: true }) : undefined;
}

interface StreamWriter {
  /** The stream's last revision as this process last saw it (-1: no stream); undefined: read it first. */
  tip: bigint | undefined;
  waiting: Waiting[];
  running: boolean;
}

export class NumberAllocator {
  readonly #streams = new Map<string, StreamWriter>();
  readonly #together: AppendTogether | undefined;

  /**
   * `onAppended`: told of every allocation this process appended, in stream order (the duplicate check's
   * UnprojectedAllocations keeps them without reading them back).
   */
  constructor(private readonly store: EventStore, private readonly onAppended?: (stream: string, appended: readonly AppendedAllocation[]) => void) {
    this.#together = appendTogetherOf(store);
  }

  /** The allocation of `input.commandId`, found (a retry) or made. */
  async allocate(input: AllocationInput): Promise<Allocation> {
    return (await this.#queue(input, undefined)).allocation;
  }

  /**
   * The allocation of `input.commandId`, found or made; where the store can (PostgreSQL), with the
   * application's first event in the same transaction, appended at `applicationRevision` (the revision
   * the route read: refused if the stream moved since, and the number with it). A retry whose
   * allocation is found comes back without `application`: it is completed from the allocation.
   */
  allocateWithApplication(input: AllocationInput, applicationRevision: ExpectedRevision): Promise<Allocated> {
    return this.#queue(input, this.#together ? applicationRevision : undefined);
  }

  #queue(input: AllocationInput, application: ExpectedRevision | undefined): Promise<Allocated> {
    const stream = numberingStreamName(input.areaId, numberingYearOf(input.submitted.receivedAt));
    let writer = this.#streams.get(stream);
    if (!writer) {
      writer = { tip: undefined, waiting: [], running: false };
      this.#streams.set(stream, writer);
    }
    const queued = writer;
    return new Promise<Allocated>((resolve, reject) => {
      queued.waiting.push({ input, ...(application !== undefined ? { application } : {}), resolve, reject });
      if (!queued.running) void this.#drain(stream, queued);
    });
  }

  async #drain(stream: string, writer: StreamWriter): Promise<void> {
    writer.running = true;
    try {
      while (writer.waiting.length > 0) {
        const batch = writer.waiting.splice(0, MAX_BATCH);
        try {
          await this.#allocateBatch(stream, writer, batch);
        } catch (error) {
          writer.tip = undefined;
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      writer.running = false;
    }
  }

  async #allocateBatch(stream: string, writer: StreamWriter, batch: readonly Waiting[]): Promise<void> {
    // One event per commandId: a retry racing its own first try gets the same number.
    const byCommand = new Map<string, Waiting[]>();
    for (const w of batch) byCommand.set(w.input.commandId, [...(byCommand.get(w.input.commandId) ?? []), w]);
    let members = [...byCommand.values()];
    const settle = (group: readonly Waiting[], allocation: Allocation) => group.forEach((w) => w.resolve({ allocation }));
    if (this.#together && members.some((group) => group.some((w) => w.application !== undefined))) {
      return this.#allocateTogether(stream, writer, members, this.#together);
    }

    for (let round = 0; members.length > 0; round += 1) {
      if (round >= MAX_ROUNDS) throw new Error(`numbering stream ${stream}: no number after ${MAX_ROUNDS} rounds of contention`);
      writer.tip ??= (await latest(this.store, stream, 1))[0]?.revision ?? -1n;
      const tip = writer.tip;
      const { allocations, events } = allocationsAfter(tip, members);
      try {
        const appended = await this.store.appendToStream(stream, events, { expectedRevision: tip === -1n ? 'no_stream' : tip });
        writer.tip = appended.nextExpectedRevision;
        if (appended.written) {
          this.#appended(stream, tip, appended.position, events);
          members.forEach((group, i) => settle(group, allocations[i] as Allocation));
          return;
        }
        // The very same events at the very same place (a retry the store recognised): read what is stored.
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          // Another process took these numbers: go again after its last one (a short random pause spreads rival processes).
          writer.tip = error.actualRevision;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, round + 1)));
          continue;
        }
        if (!(error instanceof InvalidEventStoreInputError)) throw error;
        // An id already stored: that command allocated before (its request died before step 2, or another
        // process is serving its retry). The store names which one; without a name, each goes alone.
        const index = /^events\[(\d+)\]/.exec(error.field)?.[1];
        if (index === undefined && members.length > 1) {
          for (const group of members) await this.#allocateBatch(stream, writer, group);
          return;
        }
        const at = index === undefined ? 0 : Number(index);
        const group = members[at] as Waiting[];
        settle(group, await this.#stored(stream, (group[0] as Waiting).input.commandId));
        members = members.filter((_, i) => i !== at);
        continue;
      }
      for (const group of members) settle(group, await this.#stored(stream, (group[0] as Waiting).input.commandId));
      return;
    }
  }

  /**
   * The batch's allocations and their applications' first events in one all-or-nothing append. A refusal
   * writes nothing and names what was refused: the numbering stream's revision (another process took
   * numbers: go again after them), an allocation already stored (a retry: answered from it), an
   * application stream that moved since the route read it (that submission is refused, and reads again).
   */
  async #allocateTogether(stream: string, writer: StreamWriter, groups: Waiting[][], together: AppendTogether): Promise<void> {
    let members = groups;
    for (let round = 0; members.length > 0; round += 1) {
      if (round >= MAX_ROUNDS) throw new Error(`numbering stream ${stream}: no number after ${MAX_ROUNDS} rounds of contention`);
      writer.tip ??= (await latest(this.store, stream, 1))[0]?.revision ?? -1n;
      const tip = writer.tip;
      const { allocations, events } = allocationsAfter(tip, members);
      // appends[0] is the numbering stream's; each member with an application has one more, in order.
      const appendOfMember: (number | undefined)[] = [];
      const appends: StreamAppend[] = [{ streamName: stream, events, expectedRevision: tip === -1n ? 'no_stream' : tip }];
      members.forEach((group, i) => {
        const revision = group.find((w) => w.application !== undefined)?.application;
        if (revision === undefined) return;
        appendOfMember[i] = appends.length;
        // The allocation as its event holds it (validated by the numbering registry, receipt and all).
        appends.push(applicationAppendOf((events[i] as EventToAppend).data as unknown as Allocation, revision));
      });
      try {
        const results = await together(appends);
        const numbered = results[0] as AppendResult;
        writer.tip = numbered.nextExpectedRevision;
        if (numbered.written) this.#appended(stream, tip, numbered.position, events);
        members.forEach((group, i) => {
          const at = appendOfMember[i];
          const application = at === undefined || !numbered.written ? undefined : results[at];
          // One waiter wrote the application; another with the same commandId (a retry racing its first
          // try) completes from the allocation and finds it applied, as a retry does.
          const appending = group.find((w) => w.application !== undefined);
          for (const w of group) w.resolve({ allocation: allocations[i] as Allocation, ...(application && w === appending ? { application } : {}) });
        });
        return;
      } catch (error) {
        if (!(error instanceof AppendsRefusedError)) throw error;
        const refusalOf = new Map(error.refusals.map((r) => [r.index, r.error]));
        const numbering = refusalOf.get(0);
        const done = new Set<number>();
        if (numbering instanceof WrongExpectedRevisionError) {
          writer.tip = numbering.actualRevision;
        } else if (numbering instanceof InvalidEventStoreInputError) {
          // An allocation id already stored: that command allocated before (a retry). Answered from it.
          const index = /^events\[(\d+)\]/.exec(numbering.field)?.[1];
          if (index === undefined) {
            // Unnamed (the very allocations of this batch stored at this place: a retry recognised, beside
            // applications not yet written): each answered from its allocation if stored, else alone.
            for (const group of members) {
              const found = await findAllocation(this.store, stream, (group[0] as Waiting).input.commandId);
              if (found) for (const w of group) w.resolve({ allocation: found });
              else await this.#allocateTogether(stream, writer, [group], together);
            }
            return;
          }
          const at = Number(index);
          const group = members[at] as Waiting[];
          const allocation = await this.#stored(stream, (group[0] as Waiting).input.commandId);
          for (const w of group) w.resolve({ allocation });
          done.add(at);
        } else if (numbering !== undefined) {
          throw numbering;
        }
        members.forEach((group, i) => {
          const at = appendOfMember[i];
          const refused = at === undefined || done.has(i) ? undefined : refusalOf.get(at);
          if (refused === undefined) return;
          // The application's id used by another stream: the key was used for another application.
          const reason = refused instanceof InvalidEventStoreInputError ? new IdempotencyKeyReusedError((group[0] as Waiting).input.commandId) : refused;
          for (const w of group) w.reject(reason);
          done.add(i);
        });
        members = members.filter((_, i) => !done.has(i));
        if (numbering instanceof WrongExpectedRevisionError) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, round + 1)));
      }
    }
  }

  #appended(stream: string, tip: bigint, position: GlobalPosition, events: readonly EventToAppend[]): void {
    if (!this.onAppended) return;
    this.onAppended(stream, events.map((e, i) => ({ revision: tip + 1n + BigInt(i), position, allocation: e.data as unknown as Allocation })));
  }

  async #stored(stream: string, commandId: string): Promise<Allocation> {
    const found = await findAllocation(this.store, stream, commandId);
    if (!found) throw new Error(`numbering stream ${stream}: the allocation of command ${commandId} is neither appended nor found`);
    return found;
  }
}

/** The allocation of `input` as number `sequence` of its stream, with the receipt carrying that number. */
function allocationOf(input: AllocationInput, sequence: number): Allocation {
  const year = numberingYearOf(input.submitted.receivedAt);
  const applicationNumber = formatApplicationNumber(input.pattern, { district: input.areaShortName, year, sequence });
  return {
    sequence,
    applicationNumber,
    applicationId: input.submitted.applicationId,
    commandId: input.commandId,
    commandDigest: input.commandDigest,
    correlationId: input.correlationId,
    actor: { id: input.actor.id, role: input.actor.role, organisation: input.actor.organisation },
    submitted: { ...input.submitted, applicationNumber },
  };
}

/** The next numbers after `tip`, one per command in order, and their events (one id per command: a retry is recognised). */
function allocationsAfter(tip: bigint, members: readonly (readonly Waiting[])[]): { allocations: Allocation[]; events: EventToAppend[] } {
  const allocations = members.map((group, i) => allocationOf((group[0] as Waiting).input, Number(tip) + 2 + i));
  const events = members.map((group, i) => {
    const { input } = group[0] as Waiting;
    const envelope = { correlationId: input.correlationId, causationId: input.commandId, actor: input.actor, occurredAt: input.submitted.receivedAt };
    return numberingEvents.toAppend({ type: 'ApplicationNumberAllocated', data: allocations[i] as Allocation }, { id: allocationIdOf(input.commandId), envelope });
  });
  return { allocations, events };
}
