// The EventStoreDB adapter's unit-test stand-ins, for other packages' tests of code that runs on the store
// contract (`@bureau/event-store/testing/eventstoredb`): a stub of the client's calls (no server: it
// answers only what a test scripts) and streams chained as the adapter writes them.
export { Streams, chainedStream, type StoredFields } from './fixture.js';
export { clientEvent, position, resolved, sliceOf, stubClient, type Script } from './stub-client.js';
export { eventStoreUrl } from './server.js';
