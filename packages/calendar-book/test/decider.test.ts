// The official calendar's decider, given / when / then: a load is an event; the same year again is
// nothing; other entries for a loaded year need replaceExisting (an amended notice).
import t from 'tap';
import { DomainRuleError } from '@bureau/service-kit/domain';
import { calendarVersion, mergeCalendarYears, officialCalendarData } from '@bureau/working-calendar';
import { calendarDecider, type CalendarEvent, type LoadOfficialCalendarYear } from '../src/index.js';
import { year2027 } from './support/legal-aid.js';

const decider = calendarDecider(officialCalendarData);
const loadedAt = new Date('2026-11-20T02:00:00.000Z');
const load = (entries = year2027, replaceExisting = false): LoadOfficialCalendarYear => ({
  type: 'LoadOfficialCalendarYear',
  data: { year: '2027', ...entries, replaceExisting, loadedBy: 'registrar-wu', loadedAt },
});
const given = (...events: CalendarEvent[]) => events.reduce(decider.evolve, decider.initialState());

t.test('given the shipped data, when a new year is loaded, then one event with the new calendar version', async (t) => {
  const events = decider.decide(load(), given());
  const merged = mergeCalendarYears(officialCalendarData, { source: year2027.source, timezone: 'Asia/Shanghai', years: { 2027: { off: year2027.off, work: year2027.work } } });
  t.same(events, [{
    type: 'OfficialCalendarYearLoaded',
    data: { year: '2027', ...year2027, loadedBy: 'registrar-wu', loadedAt: loadedAt.toISOString(), calendarVersion: calendarVersion(merged), replacedExisting: false },
  }]);
  const state = given(...events);
  t.same(Object.keys(state.data.years).sort(), ['2024', '2025', '2026', '2027']);
  t.equal(state.loads.length, 1);
});

t.test('given the year loaded, when the same entries again, then nothing', async (t) => {
  t.same(decider.decide(load(), given(...decider.decide(load(), given()))), []);
});

t.test('given the year loaded, when other entries, then refused unless replaceExisting', async (t) => {
  const loaded = given(...decider.decide(load(), given()));
  const amended = { ...year2027, off: [...year2027.off, '2027-04-05'] };
  const error = t.throws(() => decider.decide(load(amended), loaded));
  t.type(error, DomainRuleError);
  t.match(error, { rule: 'calendar_year_conflict' });
  const [replaced] = decider.decide(load(amended, true), loaded);
  t.match(replaced, { data: { replacedExisting: true } });
  if (replaced) t.same(given(...decider.decide(load(), given()), replaced).data.years['2027']?.off, amended.off);
});
