// The registry book brings its state forward by the events after the revision it has folded, never by
// the whole stream again: a province's registrations, one news each, made whole re-reads quadratic.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import type { EventStore, ReadStreamOptions } from '@bureau/event-store';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { foldEvents } from '@bureau/service-kit/domain';
import { RegistryBook, registerOrganisations, registryDecider, organisationEvents, type OrganisationEvent } from '../src/index.js';
import { city } from './support.js';

t.test('given a registry on a real store, when it grows, then the book reads only what it has not folded', async (t) => {
  const store = await createPostgresEventStore({ connectionString: await freshDatabase(t, 'organisations_book') });
  t.teardown(() => store.close());
  const reads: Array<{ from: bigint | undefined; events: number }> = [];
  // The same store, counting what each read of the registry's stream returns.
  const counting: EventStore = Object.create(store, {
    readStream: {
      value: (name: string, options?: ReadStreamOptions) => {
        const read = { from: options?.fromRevision, events: 0 };
        reads.push(read);
        return (async function* () {
          for await (const event of store.readStream(name, options)) {
            read.events += 1;
            yield event;
          }
        })();
      },
    },
  });
  const book = new RegistryBook(counting, 'gz');
  const at = new Date('2026-12-01T02:00:00Z');

  t.equal(await book.refresh(), false, 'no stream yet: nothing moved');
  t.equal(book.revision, -1n);

  await registerOrganisations(counting, book, city.slice(0, 10), at);
  t.equal(book.revision, 9n, 'ten registered, ten folded');
  reads.length = 0;
  await registerOrganisations(store, new RegistryBook(store, 'gz'), city, at);
  t.equal(await book.refresh(), true, 'the stream moved');
  t.same(reads, [{ from: 10n, events: city.length - 10 }], 'one read, from the first revision not folded, of the new events only');
  t.equal(await book.refresh(), false, 'nothing new: nothing moved');
  t.same(reads[1], { from: BigInt(city.length), events: 0 }, 'and the read past the end found nothing');

  const whole: OrganisationEvent[] = [];
  for await (const recorded of store.readStream(book.streamName)) whole.push(organisationEvents.fromRecorded(recorded));
  const folded = foldEvents(registryDecider, whole);
  t.same([...book.current().organisations.entries()], [...folded.organisations.entries()], 'the state brought forward equals the whole stream folded');
});
