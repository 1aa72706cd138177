// The duplicate check's look at the read model (src/routes/submit.ts): where the files projection stands
// and the open applications of the same person, asked in one statement, so both come from one snapshot
// (the projection moves its checkpoint and writes its rows in one transaction: the rows are exactly those
// up to the checkpoint, and the allocations after it are the rest). Counters that submit at once share
// the statement: looks asked while others are in flight leave together, one lateral index probe per
// person, so sixteen counters cost a few round trips instead of two each.
import type { GlobalPosition } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import { FILES_PROJECTION } from './files-projection.js';
import type { LegalAidFileRow, LegalAidReadDatabase } from './tables.js';

export interface SamePerson {
  readonly hash: string | null;
  readonly name: string;
  readonly birthDate: string | null;
}

export type OpenApplicationRow = Pick<LegalAidFileRow, 'case_id' | 'matter_type' | 'recipient_name' | 'recipient_identity_hash' | 'recipient_birth_date' | 'opposing_party'>;

export interface DuplicateLook {
  /** The files projection's checkpoint the rows are current to (undefined: nothing applied yet). */
  readonly checkpoint: GlobalPosition | undefined;
  /** Open applications of the same document, or the same name and birth date, anywhere in the city (50 at most). */
  readonly rows: OpenApplicationRow[];
}

interface Waiting {
  readonly person: SamePerson;
  readonly resolve: (look: DuplicateLook) => void;
  readonly reject: (error: unknown) => void;
}

/** Looks out at once; more wait and leave together. */
const MAX_IN_FLIGHT = 2;
const MAX_PERSONS = 64;

type Row = OpenApplicationRow & { ord: string | null; commit_position: string | null; prepare_position: string | null };

export class DuplicateLooks {
  #waiting: Waiting[] = [];
  #inFlight = 0;

  constructor(
    private readonly db: Kysely<LegalAidReadDatabase>,
    /** Where the projection stands when its tables are not there yet (a new deployment). */
    private readonly checkpointAlone: () => Promise<GlobalPosition | undefined>,
  ) {}

  look(person: SamePerson): Promise<DuplicateLook> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ person, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < MAX_IN_FLIGHT && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_PERSONS);
      this.#inFlight += 1;
      void this.#send(batch).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #send(batch: readonly Waiting[]): Promise<void> {
    try {
      const looks = await this.#read(batch.map((w) => w.person));
      batch.forEach((w, i) => w.resolve(looks[i] as DuplicateLook));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  async #read(persons: readonly SamePerson[]): Promise<DuplicateLook[]> {
    let rows: Row[];
    try {
      // The checkpoint rides in a last row of its own (no ord). A null hash or birth date matches nothing.
      ({ rows } = await sql<Row>`
        with q as (select * from unnest(${persons.map((p) => p.hash)}::text[], ${persons.map((p) => p.name)}::text[], ${persons.map((p) => p.birthDate)}::text[]) with ordinality q(hash, name, birth_date, ord))
        select q.ord, f.case_id, f.matter_type, f.recipient_name, f.recipient_identity_hash, f.recipient_birth_date, f.opposing_party, null::text as commit_position, null::text as prepare_position
          from q cross join lateral (
            select * from legal_aid_files f
             where f.open and f.kind = 'application'
               and (f.recipient_identity_hash = q.hash or (f.recipient_name = q.name and f.recipient_birth_date = q.birth_date))
             limit 50) f
        union all
        select null, null, null, null, null, null, null, c.commit_position::text, c.prepare_position::text
          from projections.checkpoints c where c.projection = ${FILES_PROJECTION} and c.state = 'active'`.execute(this.db));
    } catch (error) {
      // A new deployment whose read model is still being created: the check is a warning, never a refusal.
      if (error instanceof Error && 'code' in error && error.code === '42P01') {
        const checkpoint = await this.checkpointAlone();
        return persons.map(() => ({ checkpoint, rows: [] }));
      }
      throw error;
    }
    const active = rows.find((r) => r.ord === null && r.commit_position !== null && r.prepare_position !== null);
    const checkpoint = active ? { commit: BigInt(active.commit_position as string), prepare: BigInt(active.prepare_position as string) } : undefined;
    const looks: DuplicateLook[] = persons.map(() => ({ checkpoint, rows: [] }));
    for (const { ord, commit_position: _c, prepare_position: _p, ...row } of rows) {
      if (ord !== null) looks[Number(ord) - 1]?.rows.push(row);
    }
    return looks;
  }
}
