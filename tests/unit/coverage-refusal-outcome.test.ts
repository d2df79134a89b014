/**
 * R-OWN-12 (rules-coverage row): a customer asks mid-reception to change consultant. No fault → not supported
 * (logged); general fault → the manager records a penalty and the consultant continues. Scenario 12 proves the
 * consultant continues and the queue stays; this proves what is recorded for each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-06-09T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

describe('R-OWN-12: no fault is not supported, a general fault records a penalty; the consultant continues', () => {
  it('each refusal answers and logs its outcome against the consultant; nobody else receives', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    t.clock.set(new Date('2026-06-09T09:10:00'));
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '冯刚', phone: '13722220003' } });
    expect(v.receivedBy.id).toBe('zhang');
    t.clock.set(new Date('2026-06-09T09:20:00'));
    const none = await t.ok('mgr', 'desk.refuse', { visit: v.visitId, fault: 'none' });
    expect([none.outcome, none.receivedBy.id]).toEqual(['not_supported', 'zhang']);
    const general = await t.ok('mgr', 'desk.refuse', { visit: v.visitId, fault: 'general' });
    expect([general.outcome, general.receivedBy.id]).toEqual(['penalty_recorded', 'zhang']);
    const logged = (t.app.handle.raw.prepare("SELECT actor_id, payload FROM visit_events WHERE type = 'refusal' ORDER BY id").all() as { actor_id: string; payload: string }[]).map((r) => ({
      actor: r.actor_id,
      ...JSON.parse(r.payload),
    }));
    expect(logged).toEqual([
      { actor: 'mgr', fault: 'none', outcome: 'not_supported', consultant: 'zhang' },
      { actor: 'mgr', fault: 'general', outcome: 'penalty_recorded', consultant: 'zhang' },
    ]);
    expect((await t.ok('mgr', 'roster.today', {})).queue.map((e: { id: string }) => e.id)).toEqual(['li', 'zhang']);
  });
});
