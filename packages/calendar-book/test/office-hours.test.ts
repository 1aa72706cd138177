// Office hours as a configuration value: "08:30-12:00,14:00-17:30" parsed, anything else refused clearly.
import t from 'tap';
import { DEFAULT_OFFICE_HOURS } from '@bureau/working-calendar';
import { officeHoursOf, OfficeHoursError, parseOfficeHours } from '../src/index.js';
import { eastHours, eastOffice } from './support/legal-aid.js';

t.test('a well-formed value gives its periods, in order', async (t) => {
  t.same(parseOfficeHours('08:30-12:00,14:00-17:30'), eastHours);
  t.same(parseOfficeHours(' 09:00-17:00 '), [{ start: '09:00', end: '17:00' }]);
});

t.test('a malformed value is refused with what is wrong', async (t) => {
  const refusals: [string, RegExp][] = [
    ['', /period 1 is not a period HH:MM-HH:MM/],
    ['08:30-12:00;14:00-17:30', /period 1 is not/],
    ['08:30-12:00,2pm-5pm', /period 2 is not/],
    ['12:00-08:30', /ends before it starts/],
    ['14:00-17:30,08:30-12:00', /overlaps or precedes/],
    ['08:30-12:00,11:00-17:30', /overlaps or precedes/],
    ['08:30-24:30', /clock times/],
  ];
  for (const [text, reason] of refusals) {
    const error = t.throws(() => parseOfficeHours(text), OfficeHoursError, text);
    t.match(error, { reason }, text);
  }
});

t.test('an organisation without hours of its own works the default hours', async (t) => {
  t.same(officeHoursOf({ [eastOffice]: eastHours }, eastOffice), eastHours);
  t.equal(officeHoursOf({ [eastOffice]: eastHours }, 'legal-aid-west'), DEFAULT_OFFICE_HOURS);
  t.equal(officeHoursOf({}, undefined), DEFAULT_OFFICE_HOURS);
});
