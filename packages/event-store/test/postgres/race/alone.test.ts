// The race harness (test/contract/race) on PostgreSQL: one store with group commit off, every append its own transaction.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { raceCases } from '../../contract/race/index.js';
import { inProcess } from './arrangements.js';

const url = await freshDatabase(t);
raceCases(t, inProcess(url, false), { outOfOrderEvents: 8_000 });
