// The race harness (test/contract/race) on PostgreSQL: four stores in four child processes, one database.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { raceCases } from '../../contract/race/index.js';
import { fourProcesses } from './arrangements.js';

const url = await freshDatabase(t);
raceCases(t, fourProcesses(url), { outOfOrderEvents: 8_000 });
