/**
 * R-ROS-2 (rules-coverage row): only a manager changes the order, and every change is logged with who made it.
 * The scenarios prove the permission half (a consultant's swap is refused); this proves the log half: each
 * change is stored in roster_events with its actor, and on the audit log under the acting person.
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

describe('R-ROS-2: every roster change is logged with who made it', () => {
  it('a swap by the PM and a move by the sales manager are stored with their actor; a refused swap stores nothing', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    t.clock.set(new Date('2026-03-02T09:10:00'));
    await t.ok('pm', 'roster.swap', { a: 'zhang', b: 'wang' });
    t.clock.set(new Date('2026-03-02T09:20:00'));
    await t.ok('mgr', 'roster.move', { consultant: 'li', to: 'head' });
    expect(await t.as('zhang', 'roster.swap', { a: 'zhang', b: 'li' })).toMatchObject({ ok: false, error: { code: 'permission' } });

    const raw = t.app.handle.raw;
    expect(raw.prepare('SELECT actor_id, type FROM roster_events ORDER BY id').all()).toEqual([
      { actor_id: 'mgr', type: 'started' },
      { actor_id: 'pm', type: 'swap' },
      { actor_id: 'mgr', type: 'move' },
    ]);
    const audited = raw.prepare("SELECT actor_id, method FROM audit_log WHERE method IN ('roster.start', 'roster.swap', 'roster.move') ORDER BY id").all();
    expect(audited).toEqual([
      { actor_id: 'mgr', method: 'roster.start' },
      { actor_id: 'pm', method: 'roster.swap' },
      { actor_id: 'mgr', method: 'roster.move' },
    ]);
    expect((await t.ok('mgr', 'roster.today', {})).queue.map((e: { id: string }) => e.id)).toEqual(['li', 'wang', 'zhang']);
  });
});
