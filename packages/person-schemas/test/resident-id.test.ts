// GB 11643 resident ID numbers: the check character computed here from the standard's own definition
// (weights 2^(18-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written X), tied to a hand-checked
// example, and every failure named by which of the three checks failed.
import t from 'tap';
import { residentIdCheckCharacter, residentIdNumber, residentIdNumberSchema, residentIdProblem } from '../src/index.js';

/** ISO 7064 MOD 11-2 from its definition, independent of the package's tables. */
function checkCharacterByDefinition(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i += 1) sum += Number(first17[i - 1]) * (2 ** (18 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function problemOf(value: string, today?: string): unknown {
  const parsed = residentIdNumberSchema(today ? { today } : {}).safeParse(value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0] as { params?: { problem?: string } } | undefined;
  return issue?.params?.problem;
}

t.test('GB 11643: the hand-checked example 11010519491231002X is valid', async (t) => {
  // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X.
  t.equal(checkCharacterByDefinition('11010519491231002'), 'X');
  t.equal(residentIdCheckCharacter('11010519491231002'), 'X');
  t.equal(residentIdProblem('11010519491231002X'), undefined);
  t.equal(residentIdNumber.parse('11010519491231002x'), '11010519491231002X', 'a lower-case x is read as X');
});

t.test('GB 11643: numbers with check characters computed from the definition are valid', async (t) => {
  for (const first17 of ['44010619850315123', '44011120001231456', '32058319991001087', '51010720160229001']) {
    const id = first17 + checkCharacterByDefinition(first17);
    t.equal(residentIdCheckCharacter(first17), id[17], `${first17}: the package agrees with the definition`);
    t.equal(residentIdNumber.safeParse(id).success, true, `${id} is accepted`);
  }
});

t.test('GB 11643: a wrong check character is refused as check_digit', async (t) => {
  const first17 = '44010619850315123';
  const right = checkCharacterByDefinition(first17);
  const wrong = right === '0' ? '1' : '0';
  t.equal(problemOf(first17 + wrong), 'check_digit');
  // A single mistyped digit changes the check: 4401061985031512 3 → 4 with the old check character.
  t.equal(problemOf(`4401061985031512${'4'}${right}`), 'check_digit');
});

t.test('GB 11643: the birth date must be a real date', async (t) => {
  const withCheck = (first17: string) => first17 + checkCharacterByDefinition(first17);
  t.equal(problemOf(withCheck('44010619850230123')), 'birth_date', '30 February');
  t.equal(problemOf(withCheck('44010619851301123')), 'birth_date', 'month 13');
  t.equal(problemOf(withCheck('44010620190229123')), 'birth_date', '29 February 2019 (not a leap year)');
  t.equal(problemOf(withCheck('44010618991231123')), 'birth_date', 'before 1900');
  t.equal(problemOf(withCheck('44010620200229123')), undefined, '29 February 2020 (a leap year)');
  t.equal(problemOf(withCheck('44010620261231123'), '2026-12-07'), 'birth_date', 'after today, when today is given');
});

t.test('GB 11643: length and format come first', async (t) => {
  t.equal(problemOf('11010519491231002'), 'length_or_format', '17 characters');
  t.equal(problemOf('11010519491231002XX'), 'length_or_format', '19 characters');
  t.equal(problemOf('1101051949123100X2'), 'length_or_format', 'X not last');
  t.equal(problemOf('110105194912310'), 'length_or_format', 'the old 15-digit number');
  t.equal(problemOf('11010519491331002Y'), 'length_or_format', 'a letter other than X');
  const parsed = residentIdNumber.safeParse('110105');
  t.match(parsed.error?.issues[0]?.message, /18/, 'the message says what is expected');
});
