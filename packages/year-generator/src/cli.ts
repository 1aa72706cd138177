// `pnpm demo:load [--scale N] [--year YYYY] [--seed S]`: writes a generated year into the database named
// by DATABASE_URL (scripts/demo-load.mjs points it at the `npm start` platform's), with a progress line.
// Writing the same seed again changes nothing: every event id is derived from it.
import { parseArgs } from 'node:util';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { generateYear, type GenerationProgress } from './generate-year.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, year: { type: 'string', default: '2025' }, seed: { type: 'string', default: 'bureau-demo' } },
  strict: true,
});
const scale = Number(values.scale);
const year = Number(values.year);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('demo:load: DATABASE_URL is not set (run it as `pnpm demo:load`, which finds the platform\'s database)\n');
  process.exit(2);
}
if (!(scale > 0 && scale <= 1000) || !Number.isInteger(year)) {
  process.stderr.write(`demo:load: --scale must be a number in (0, 1000] and --year a year; got ${values.scale}, ${values.year}\n`);
  process.exit(2);
}

const tty = process.stdout.isTTY;
const line = (p: GenerationProgress) => {
  const seconds = p.elapsedMs / 1000;
  const text = `[demo:load] ${p.phase === 'organisations' ? 'organisations registered' : `district ${p.district} written`} (${p.districtsDone}/${p.districts}), ${p.events} events, ${seconds.toFixed(1)} s, ${Math.round(p.events / Math.max(seconds, 0.001))} events/s`;
  process.stdout.write(tty ? `\r${text.padEnd(100)}` : `${text}\n`);
};

const store = await createPostgresEventStore({ connectionString: databaseUrl });
try {
  const summary = await generateYear({ store, scale, year, seed: values.seed, onProgress: line });
  if (tty) process.stdout.write('\n');
  const total = (pick: (d: (typeof summary.districts)[string]) => number) => Object.values(summary.districts).reduce((n, d) => n + pick(d), 0);
  process.stdout.write(`[demo:load] ${summary.year}, scale ${summary.scale}, seed ${summary.seed}: ${summary.districtIds.length} district(s) (${summary.districtIds.slice(0, 5).join(', ')}${summary.districtIds.length > 5 ? ', …' : ''})\n`);
  process.stdout.write(`[demo:load] legal-aid applications ${total((d) => d.legalAid.applications)}, 12345 work orders ${total((d) => d.hotline.dispatched)}, advisors' services ${total((d) => d.advisors.services)}, walk-in persons ${total((d) => d.walkIns.persons)}\n`);
  const already = summary.alreadyPresent > 0 ? ` (${summary.alreadyPresent} were there already: this seed was loaded before)` : '';
  process.stdout.write(`[demo:load] ${summary.events} events written in ${(summary.elapsedMs / 1000).toFixed(1)} s (${Math.round(summary.events / (summary.elapsedMs / 1000))} events/s)${already}\n`);
} finally {
  await store.close();
}
