// Masking of personal data for readers who do not need it.
import t from 'tap';
import { maskCitizen, maskFreeText, maskName, maskPhone } from '../src/privacy/mask.js';

t.test('names keep the first character, phones their first 3 and last 4 digits', async (t) => {
  t.equal(maskName('张三'), '张*');
  t.equal(maskName('欧阳娜娜'), '欧***');
  t.equal(maskName('李'), '*');
  t.equal(maskName(null), null);
  t.equal(maskPhone('13812341234'), '138****1234');
  t.equal(maskPhone('020-87654321'), '020*****4321');
  t.equal(maskPhone('110'), '***');
  t.same(maskCitizen({ name: '张三', phone: '13812341234' }), { name: '张*', phone: '138****1234' });
});

t.test('free text: the citizen’s own details and anything shaped like a phone or ID number', async (t) => {
  const citizen = { name: '王小明', phone: '13900001111' };
  t.equal(maskFreeText('王小明来电，回电13900001111', citizen), '王**来电，回电139****1111');
  t.equal(maskFreeText('另一号码 13712345678 与座机 020-87654321', citizen), '另一号码 137****5678 与座机 020*****4321');
  t.equal(maskFreeText('身份证 44010619900101123X', citizen), '身份证 440106********123X');
  t.equal(maskFreeText('no personal data', { name: null, phone: null }), 'no personal data');
});
