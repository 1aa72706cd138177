import t from 'tap';
import { commandEventId, uuidV5 } from '@bureau/service-kit';

t.test('uuidV5 matches the RFC 9562 test vector', async (t) => {
  // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
  t.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
});

t.test('command event ids are stable per command and index, distinct otherwise', async (t) => {
  const commandId = '0f8fad5b-d9cb-469f-a165-70867728950e';
  t.equal(commandEventId(commandId, 0), commandEventId(commandId, 0));
  t.not(commandEventId(commandId, 0), commandEventId(commandId, 1));
  t.not(commandEventId(commandId, 0), commandEventId('7c9e6679-7425-40de-944b-e07fc1f90ae7', 0));
  t.match(commandEventId(commandId, 0), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
