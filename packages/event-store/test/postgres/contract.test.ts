import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { runEventStoreContract } from '../contract/index.js';
import { makePostgresSubject } from './subject.js';

const connectionString = await freshDatabase(t);
runEventStoreContract(t, 'PostgreSQL', () => makePostgresSubject(connectionString));
