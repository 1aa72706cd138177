// The notice board on a fresh PostgreSQL database, with tokens and a log capture.
import { DEMO_CITY_ID } from '@bureau/organisations';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { randomUUID } from 'node:crypto';
import { buildNoticeBoard } from '../src/app.js';
import { loadConfig } from '../src/config.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

const JWT_SECRET = 'example-test-secret-0123456789abcdef';

export async function noticeBoardFixture(t: Teardown) {
  const databaseUrl = await freshDatabase(t, 'example');
  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'info', CITY_ID: DEMO_CITY_ID, ORGANISATIONS_SEED: 'demo' });
  const logs = captureLogs();
  const app = await buildNoticeBoard(config, { logStream: logs.stream });
  t.teardown(() => app.close());
  await app.ready();
  const token = (role: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `user-${role}`, role, org: 'huadu-plsc', name: '王五' })}`;
  return { app, logs, databaseUrl, staff: token('centre_staff'), auditor: token('auditor') };
}

export function newNotice(overrides: Record<string, unknown> = {}) {
  return {
    commandId: randomUUID(),
    noticeId: randomUUID(),
    title: '法律援助咨询日',
    body: '每周三上午九点至十二点，中心大厅。',
    contact: { name: '张三丰', phone: '13800138000' },
    ...overrides,
  };
}
