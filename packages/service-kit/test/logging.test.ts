import t from 'tap';
import { testApp } from './fixtures/test-app.js';

const name = '张三丰';
const idNumber = '44010619900101123X';
const phone = '13800138000';

t.test('given a request carrying personal data, when it is handled (even logged carelessly), then no log line holds any of it', async (t) => {
  const { app, logs } = await testApp();
  t.teardown(() => app.close());

  const ok = await app.inject({ method: 'POST', url: `/citizens?phone=${phone}`, payload: { citizenName: name, idNumber, contact: { phone } } });
  t.equal(ok.statusCode, 201);
  const bad = await app.inject({ method: 'POST', url: '/citizens', payload: { citizenName: name, idNumber: `${idNumber}9`, contact: { phone: `${phone}x` } } });
  t.equal(bad.statusCode, 400);
  const crash = await app.inject({ method: 'GET', url: '/crash', headers: { authorization: 'Bearer secret.token.value' } });
  t.equal(crash.statusCode, 500);

  const text = logs.text();
  t.ok(logs.lines.length >= 6, `request and response lines were written (${logs.lines.length})`);
  t.match(text, /a careless handler logging the whole body/, 'the careless line was written…');
  t.match(text, /\[redacted\]/, '…with its personal fields redacted');
  for (const secret of [name, idNumber, phone, 'secret.token.value']) t.notMatch(text, secret, `no log line contains ${secret}`);
  t.match(text, /"url":"\/citizens"/, 'the path is logged, without its query string');
  t.match(text, /10\.0\.0\.7/, 'a 5xx error is logged server-side in full (it carried no personal data)');
});
