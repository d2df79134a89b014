/**
 * Facts the rules-coverage table relies on that no scenario can see (the actor of a roster event, the recorded
 * source of a visit, a likely match's reason, a refusal's outcome). One office per test, at its own moment.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';
import { rows } from '../support/sql';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/**
 * R-OWN-8 (rules-coverage row), the desk's likely matches: besides the same name (own 14 #18) and the same pinyin
 * with a phone one or two digits off (own 14 #19), a phone already registered under another name — a household
 * member's, or a number given wrongly — is flagged at the desk for the PM.
 */
describe('R-OWN-8: a phone registered under another name is a likely match at the desk', () => {
  it('names the owner of that record and says why; the same name under that phone is not flagged', async () => {
    t = await testApp({ at: '2026-03-02T09:00:00' });
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800001111' } });
    await t.ok('pm', 'registration.confirm', { visit: v.visitId });
    t.clock.set(new Date('2026-03-05T10:00:00'));
    const other = await t.ok('qian', 'desk.lookup', { phone: '13800001111', name: '王芳' });
    expect(other.possibleMatches.map((m) => [m.customerId, m.name, m.owner, m.why])).toEqual([
      [v.customerId, '周杰', 'zhang', { kind: 'phone_under_other_name' }],
    ]);
    const same = await t.ok('qian', 'desk.lookup', { phone: '13800001111', name: '周杰' });
    expect(same.possibleMatches).toEqual([]);
    expect(same.owners.map((o: { id: string }) => o.id)).toEqual(['zhang']);
  });
});

/**
 * R-OWN-12 (rules-coverage row): a customer asks mid-reception to change consultant. No fault → not supported
 * (logged); general fault → the manager records a penalty and the consultant continues. Scenario 12 proves the
 * consultant continues and the queue stays; this proves what is recorded for each.
 */
describe('R-OWN-12: no fault is not supported, a general fault records a penalty; the consultant continues', () => {
  it('each refusal answers and logs its outcome against the consultant; nobody else receives', async () => {
    t = await testApp({ at: '2026-06-09T09:00:00' });
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    t.clock.set(new Date('2026-06-09T09:10:00'));
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '冯刚', phone: '13722220003' } });
    expect(v.receivedBy!.id).toBe('zhang');
    t.clock.set(new Date('2026-06-09T09:20:00'));
    const none = await t.ok('mgr', 'desk.refuse', { visit: v.visitId, fault: 'none' });
    expect([none.outcome, none.receivedBy.id]).toEqual(['not_supported', 'zhang']);
    const general = await t.ok('mgr', 'desk.refuse', { visit: v.visitId, fault: 'general' });
    expect([general.outcome, general.receivedBy.id]).toEqual(['penalty_recorded', 'zhang']);
    const logged = (
      await rows<{ actor_id: string; payload: string }>(
        t.app,
        sql`SELECT actor_id, payload FROM visit_events WHERE type = 'refusal' ORDER BY id`,
      )
    ).map((r) => ({
      actor: r.actor_id,
      ...JSON.parse(r.payload),
    }));
    expect(logged).toEqual([
      { actor: 'mgr', fault: 'none', outcome: 'not_supported', consultant: 'zhang' },
      { actor: 'mgr', fault: 'general', outcome: 'penalty_recorded', consultant: 'zhang' },
    ]);
    expect((await t.ok('mgr', 'roster.today', {}))!.queue.map((e: { id: string }) => e.id)).toEqual(['li', 'zhang']);
  });
});

/**
 * R-OWN-1 (rules-coverage row): every reception is registered with how the customer came (walk-in, referral,
 * company client, old customer's introduction) and the reception kind. The scenarios prove who receives and
 * the reception kind; this proves the recorded source.
 */
describe('R-OWN-1: each visit records how the customer came and the reception kind', () => {
  it('walk-in, referral, company client and an old customer’s introduction', async () => {
    t = await testApp({ at: '2026-04-03T09:00:00' });
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    const walkIn = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    await t.ok('pm', 'registration.confirm', { visit: walkIn.visitId });
    const referred = await t.ok('qian', 'desk.walkIn', { customer: { name: '钱多多', phone: '13800000002' }, source: 'referral' });
    const company = await t.ok('qian', 'desk.walkIn', { customer: { name: '曹操', phone: '13800000003' }, source: 'company' });
    await t.ok('zhang', 'desk.finish', { visit: walkIn.visitId });
    const introduced = await t.ok('qian', 'desk.walkIn', { customer: { name: '黄河', phone: '13800000004' }, with: walkIn.customerId });
    expect(await rows(t.app, sql`SELECT id, source, reception, consultant_id FROM visits ORDER BY id`)).toEqual([
      { id: walkIn.visitId, source: 'walk_in', reception: 'roster', consultant_id: 'zhang' },
      { id: referred.visitId, source: 'referral', reception: 'roster', consultant_id: 'li' },
      { id: company.visitId, source: 'company', reception: 'roster', consultant_id: 'wang' },
      { id: introduced.visitId, source: 'old_customer', reception: 'roster', consultant_id: 'zhang' },
    ]);
  });
});

/**
 * R-ROS-2 (rules-coverage row): only a manager changes the order, and every change is logged with who made it.
 * The scenarios prove the permission half (a consultant's swap is refused); this proves the log half: each
 * change is stored in roster_events with its actor, and on the audit log under the acting person.
 */
describe('R-ROS-2: every roster change is logged with who made it', () => {
  it('a swap by the PM and a move by the sales manager are stored with their actor; a refused swap stores nothing', async () => {
    t = await testApp({ at: '2026-03-02T09:00:00' });
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    t.clock.set(new Date('2026-03-02T09:10:00'));
    await t.ok('pm', 'roster.swap', { a: 'zhang', b: 'wang' });
    t.clock.set(new Date('2026-03-02T09:20:00'));
    await t.ok('mgr', 'roster.move', { consultant: 'li', to: 'head' });
    expect(await t.as('zhang', 'roster.swap', { a: 'zhang', b: 'li' })).toMatchObject({ ok: false, error: { code: 'permission' } });

    expect(await rows(t.app, sql`SELECT actor_id, type FROM roster_events ORDER BY id`)).toEqual([
      { actor_id: 'mgr', type: 'started' },
      { actor_id: 'pm', type: 'swap' },
      { actor_id: 'mgr', type: 'move' },
    ]);
    const audited = await rows(
      t.app,
      sql`SELECT actor_id, method FROM audit_log WHERE method IN ('roster.start', 'roster.swap', 'roster.move') ORDER BY id`,
    );
    expect(audited).toEqual([
      { actor_id: 'mgr', method: 'roster.start' },
      { actor_id: 'pm', method: 'roster.swap' },
      { actor_id: 'mgr', method: 'roster.move' },
    ]);
    expect((await t.ok('mgr', 'roster.today', {}))!.queue.map((e: { id: string }) => e.id)).toEqual(['li', 'wang', 'zhang']);
  });
});
