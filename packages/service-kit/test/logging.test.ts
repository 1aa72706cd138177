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

t.test('an error is logged by its type, message, stack and codes, not by what a library hung on it', async (t) => {
  const { app, logs } = await testApp();
  t.teardown(() => app.close());
  const error = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
    severity: 'FATAL',
    client: { connectionParameters: { host: '127.0.0.1', user: 'postgres' }, processID: 4242 },
    detail: `Key (id_number)=(${idNumber}) already exists.`,
    cause: Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }),
  });
  app.log.warn({ err: error }, 'idle PostgreSQL client failed');
  const line = logs.lines.map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> }).find((l) => l.msg === 'idle PostgreSQL client failed');
  t.match(line?.err, { type: 'Error', message: 'terminating connection due to administrator command', code: '57P01', severity: 'FATAL', cause: { message: 'socket closed', code: 'ECONNRESET' } });
  t.ok(typeof line?.err?.stack === 'string', 'with its stack');
  t.notOk(line?.err && 'client' in line.err, 'not the client object pg-pool attached');
  t.notMatch(logs.text(), idNumber, 'nor a driver detail quoting the data');
});

t.test('error facts from the background loops (type and code) are logged as they are', async (t) => {
  const { app, logs } = await testApp();
  t.teardown(() => app.close());
  app.log.warn({ err: { type: 'DatabaseError', code: '57P01' } }, 'projection lock check failed');
  const line = logs.lines.map((l) => JSON.parse(l) as { msg?: string; err?: unknown }).find((l) => l.msg === 'projection lock check failed');
  t.same(line?.err, { type: 'DatabaseError', code: '57P01' }, 'was { type: object, message: [object Object] }');
});
