// Personal data never reaches a log line: dispatch, receive and fail, then search the log.
import t from 'tap';
import { simulatorWithReceiver } from './support.js';

t.test('citizen names and phones are not logged', async (t) => {
  const lines: string[] = [];
  const logger = { level: 'trace', stream: { write: (line: string) => void lines.push(line) } };
  const { simulator, receiver } = await simulatorWithReceiver(t, { logger }, [{ status: 503 }, { status: 400 }]);
  const citizen = { name: '欧阳秀英', phone: '13912345678' };
  await simulator.dispatch({ citizen });
  await simulator.app.inject({ method: 'POST', url: '/admin/dispatch', payload: { citizen } });
  await simulator.app.inject({ method: 'POST', url: '/admin/dispatch', payload: { citizen: { name: '欧阳秀英' } } });
  simulator.app.log.info({ message: { data: { citizen } } }, 'a careless future log line');
  t.equal(receiver.requests.length, 3, 'the messages went out');
  t.ok(lines.length > 5, 'there are log lines to search');
  t.ok(lines.some((l) => l.includes('delivered a message to the centre')));
  const leaks = lines.filter((l) => l.includes(citizen.name) || l.includes(citizen.phone));
  t.same(leaks, []);
});
