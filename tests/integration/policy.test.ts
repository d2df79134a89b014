import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

describe('policy settings: versions judged by the moment of each event', () => {
  it('only the director changes the policy; bad values are refused; a change applies from its moment on', async () => {
    expect(await t.as('mgr', 'policy.update', { changes: { lunchDeskSize: 3 } })).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await t.as('dir', 'policy.update', { changes: { referrerBps: 12000 } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await t.as('dir', 'policy.update', { changes: { nonsense: 1 } })).toMatchObject({ ok: false, error: { code: 'validation' } });

    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    expect((await t.ok('qian', 'roster.today', {})).lunchDesk).toEqual(['zhang', 'li']);
    t.clock.set(new Date('2026-05-08T10:00:00'));
    const v = await t.ok('dir', 'policy.update', { changes: { lunchDeskSize: 3 }, reason: '周末客流大' });
    expect(v.policy.lunchDeskSize).toBe(3);
    expect((await t.ok('qian', 'roster.today', {})).lunchDesk).toEqual(['zhang', 'li', 'wang']);
    // the queue at 09:30 is judged by the policy of 09:30
    const past = await t.ok('mgr', 'roster.at', { at: new Date('2026-05-08T09:30:00').toISOString() });
    expect(past.lunchDesk).toEqual(['zhang', 'li']);
    const got = await t.ok('mgr', 'policy.get', {});
    expect(got.current.lunchDeskSize).toBe(3);
    expect(got.versions).toHaveLength(1);
    expect(got.versions[0]).toMatchObject({ createdBy: 'dir', effectiveAt: new Date('2026-05-08T10:00:00').toISOString() });
  });
});
