// 绿色通道 (domain reference §2): the elderly, the disabled, minors, migrant workers' wage claims, military
// personnel and families, and the Art. 32 / Art. 42 groups.
import t from 'tap';
import { greenChannelGroundsOf } from '../../src/domain/index.js';

t.test('绿色通道: every group of the domain reference, and no other', async (t) => {
  t.strictSame(greenChannelGroundsOf(['elderly', 'disabled', 'minor'], 'support_payment'), ['elderly', 'disabled', 'minor']);
  t.strictSame(greenChannelGroundsOf(['military_or_family'], 'personal_injury'), ['military_or_family']);
  t.strictSame(greenChannelGroundsOf(['abuse_or_domestic_violence_victim'], 'support_payment'), ['art32_group'], 'Art. 32');
  t.strictSame(greenChannelGroundsOf(['social_assistance_recipient'], 'support_payment'), ['art42_group'], 'Art. 42');
  t.strictSame(greenChannelGroundsOf(['migrant_worker'], 'employment_or_wages'), ['migrant_worker_wages']);
  t.strictSame(greenChannelGroundsOf(['migrant_worker', 'no_fixed_income'], 'personal_injury'), [], 'a migrant worker outside a wage claim');
  t.strictSame(greenChannelGroundsOf([], 'employment_or_wages'), []);
});
