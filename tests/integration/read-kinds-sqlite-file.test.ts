/**
 * SQLite only (tests/support/engine-scope.ts): an audited read on a damaged office file is refused with the
 * read-only answer before anything is touched, and the file keeps every byte. A file's own matter: an office
 * group's PostgreSQL server has no file to damage (its WAL and checksums are the server's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe('an audited read on a damaged file', () => {
  beforeEach(async () => {
    t = await testApp();
  });

  it('customer.get and customer.search answer the read-only refusal and write not a byte', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000001' } });
    await t.app.close();
    const bytes = readFileSync(t.path);
    const page = 4096;
    for (let p = 2; p < Math.min(bytes.length / page, 12); p++) bytes.fill(0x5a, p * page + 100, p * page + 4000);
    writeFileSync(t.path, bytes);
    const app = await openApp({ dbPath: t.path, clock: t.clock });
    try {
      const reason = app.readOnlyReason();
      expect(reason).toMatch(/数据库文件已损坏/);
      for (const [method, input] of [
        ['customer.get', { customer: w.customerId }],
        ['customer.search', { q: '13800' }],
      ] as const) {
        for (const who of ['li', 'mgr']) {
          const r = (await app.dispatch({ staffId: who }, method, input)).result;
          expect(r, `${method} as ${who}`).toMatchObject({
            ok: false,
            error: { code: 'invalid_state', reason: 'database_damaged', params: { cause: 'damaged', detail: app.readOnlyState()!.detail } },
          });
        }
      }
      expect(readFileSync(t.path)).toEqual(bytes);
    } finally {
      await app.close();
    }
  });
});
