// The event registry: every event the decider writes passes its schema (version 1) and reads back as
// written; bad data is refused before append, naming the field; the actor is the envelope's, not the data's.
import t from 'tap';
import type { RecordedEvent } from '@bureau/event-store';
import { InvalidEventDataError } from '@bureau/service-kit';
import type { LegalAidEvent } from '../../src/domain/index.js';
import { legalAidEvents } from '../../src/events/application-events.js';
import { custodyLife, deemedWithdrawnLife, notifiedLife, transferLife, withdrawnLife } from '../support/lives.js';

const envelope = {
  correlationId: 'req-1',
  causationId: 'cmd-1',
  actor: { id: 'staff-wang', role: 'reviewer', organisation: 'org-huadu-legal-aid' },
  occurredAt: '2025-11-03T02:00:00.000Z',
};

function stored(event: LegalAidEvent, index: number): RecordedEvent {
  const appended = legalAidEvents.toAppend(event, { id: `evt-${index}`, envelope });
  return {
    id: `evt-${index}`,
    streamName: 'legalAidCase-app-1',
    revision: BigInt(index),
    position: { commit: 1n, prepare: BigInt(index) },
    type: appended.type,
    data: appended.data,
    metadata: appended.metadata ?? {},
    recordedAt: new Date(envelope.occurredAt),
    hash: 'h',
  };
}

const lives = { custodyLife, transferLife, notifiedLife, deemedWithdrawnLife, withdrawnLife };

t.test('every event type the decider writes round-trips through its schema (version 1)', async (t) => {
  const seen = new Set<string>();
  for (const [name, life] of Object.entries(lives)) {
    life().forEach((event, index) => {
      seen.add(event.type);
      const record = stored(event, index);
      t.equal(record.metadata.schemaVersion, 1, `${name} ${event.type}: version 1`);
      t.strictSame(record.metadata.actor, envelope.actor, `${name} ${event.type}: the actor is in the envelope`);
      t.strictSame(legalAidEvents.fromRecorded(record), event, `${name} ${event.type} reads back as written`);
    });
  }
  t.equal(seen.size, 27, 'all 27 event types are covered');
});

t.test('bad data is refused before append, naming the field', async (t) => {
  const [submitted] = transferLife();
  if (submitted?.type !== 'ApplicationSubmitted') throw new Error('no submission');
  const bad = { ...submitted, data: { ...submitted.data, recipient: { ...submitted.data.recipient, document: { type: 'resident_id' as const, number: '440114198503151234' } } } };
  const error = t.throws(() => legalAidEvents.toAppend(bad, { id: 'x', envelope })) as unknown;
  t.ok(error instanceof InvalidEventDataError);
  t.match(JSON.stringify(error), /recipient\.document\.number/);
  const noReasons = { type: 'ApplicationRefused', data: { reasons: '', refusedAt: 'x', reviewDueAt: 'y', onTime: true, rightToObject: null } } as unknown as LegalAidEvent;
  t.throws(() => legalAidEvents.toAppend(noReasons, { id: 'y', envelope }), InvalidEventDataError);
});
