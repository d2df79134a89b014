/**
 * R-OWN-1 (rules-coverage row): every reception is registered with how the customer came (walk-in, referral,
 * company client, old customer's introduction) and the reception kind. The scenarios prove who receives and
 * the reception kind; this proves the recorded source.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-04-03T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

describe('R-OWN-1: each visit records how the customer came and the reception kind', () => {
  it('walk-in, referral, company client and an old customer’s introduction', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    const walkIn = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    await t.ok('pm', 'registration.confirm', { visit: walkIn.visitId });
    const referred = await t.ok('qian', 'desk.walkIn', { customer: { name: '钱多多', phone: '13800000002' }, source: 'referral' });
    const company = await t.ok('qian', 'desk.walkIn', { customer: { name: '曹操', phone: '13800000003' }, source: 'company' });
    await t.ok('zhang', 'desk.finish', { visit: walkIn.visitId });
    const introduced = await t.ok('qian', 'desk.walkIn', { customer: { name: '黄河', phone: '13800000004' }, with: walkIn.customerId });
    const rows = t.app.handle.raw.prepare('SELECT id, source, reception, consultant_id FROM visits ORDER BY id').all();
    expect(rows).toEqual([
      { id: walkIn.visitId, source: 'walk_in', reception: 'roster', consultant_id: 'zhang' },
      { id: referred.visitId, source: 'referral', reception: 'roster', consultant_id: 'li' },
      { id: company.visitId, source: 'company', reception: 'roster', consultant_id: 'wang' },
      { id: introduced.visitId, source: 'old_customer', reception: 'roster', consultant_id: 'zhang' },
    ]);
  });
});
