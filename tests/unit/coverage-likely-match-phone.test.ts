/**
 * R-OWN-8 (rules-coverage row), the desk's likely matches: besides the same name (own 14 #18) and the same pinyin
 * with a phone one or two digits off (own 14 #19), a phone already registered under another name — a household
 * member's, or a number given wrongly — is flagged at the desk for the PM.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

describe('R-OWN-8: a phone registered under another name is a likely match at the desk', () => {
  it('names the owner of that record and says why; the same name under that phone is not flagged', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800001111' } });
    await t.ok('pm', 'registration.confirm', { visit: v.visitId });
    t.clock.set(new Date('2026-03-05T10:00:00'));
    const other = await t.ok('qian', 'desk.lookup', { phone: '13800001111', name: '王芳' });
    expect(other.possibleMatches.map((m: { customerId: number; owner: string | null; why: string }) => [m.customerId, m.owner, m.why])).toEqual([
      [v.customerId, 'zhang', '该电话已登记在 周杰 名下（可能是家庭成员或记错号码）'],
    ]);
    const same = await t.ok('qian', 'desk.lookup', { phone: '13800001111', name: '周杰' });
    expect(same.possibleMatches).toEqual([]);
    expect(same.owners.map((o: { id: string }) => o.id)).toEqual(['zhang']);
  });
});
