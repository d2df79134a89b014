import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, POLICY_BOUNDS } from '../../src/domain/policy';
import { testApp, type TestApp, refusal } from '../support/app';
import { said, wordable } from '../support/refusals';
import { run, value } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

describe('policy settings: versions judged by the moment of each event', () => {
  it('only the director changes the policy; bad values are refused; a change applies from its moment on', async () => {
    expect(await t.as('mgr', 'policy.update', { changes: { lunchDeskSize: 3 } })).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
    expect(await t.as('dir', 'policy.update', { changes: { referrerBps: 12000 } })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await t.as('dir', 'policy.update', { changes: { nonsense: 1 } })).toMatchObject({ ok: false, error: { code: 'validation' } });

    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    expect((await t.ok('qian', 'roster.today', {}))!.lunchDesk).toEqual(['zhang', 'li']);
    t.clock.set(new Date('2026-05-08T10:00:00'));
    const v = await t.ok('dir', 'policy.update', { changes: { lunchDeskSize: 3 }, reason: '周末客流大' });
    expect(v.policy.lunchDeskSize).toBe(3);
    expect((await t.ok('qian', 'roster.today', {}))!.lunchDesk).toEqual(['zhang', 'li', 'wang']);
    // the queue at 09:30 is judged by the policy of 09:30
    const past = await t.ok('mgr', 'roster.at', { at: new Date('2026-05-08T09:30:00').toISOString() });
    expect(past!.lunchDesk).toEqual(['zhang', 'li']);
    const got = await t.ok('mgr', 'policy.get', {});
    expect(got.current.lunchDeskSize).toBe(3);
    expect(got.versions).toHaveLength(1);
    expect(got.versions[0]).toMatchObject({ createdBy: 'dir', effectiveAt: new Date('2026-05-08T10:00:00').toISOString() });
  });
});

describe('policy bounds (issue 13 point 14): every key has a range; a value outside it is never stored', () => {
  const refused: [string, unknown][] = [
    ['protectionMonths', 2147483648],
    ['protectionMonths', 0],
    ['protectionMonths', 1.5],
    ['protectionMonths', 25],
    ['identificationWindowMonths', -1],
    ['identificationWindowMonths', 1e9],
    ['lunchDeskSize', -1],
    ['lunchDeskSize', 1000],
    ['referrerBps', 10001],
    ['householdFirstBps', -5],
    ['companyLeadershipNamedPoolBps', 2.5],
    ['busyHeadKeepsPlace', 1],
    ['lunchDeskSize', true],
  ];
  it('out-of-bounds values are refused as validation naming the key; nothing is stored; walk-ins keep working', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const versions = () => value<number>(t.app, sql`SELECT count(*) AS n FROM policy_versions`);
    for (const [key, value] of refused) {
      const r = await t.as('dir', 'policy.update', { changes: { [key]: value } });
      expect(r, `${key}=${value}`).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(said(refusal(r)), `${key}=${value}`).toContain(key);
      expect(wordable(refusal(r))).toBe(true);
    }
    expect(await versions()).toBe(0);
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    expect(w.receivedBy!.id).toBe('zhang');
    // the edges themselves are allowed
    await t.ok('dir', 'policy.update', {
      changes: { protectionMonths: 24, identificationWindowMonths: 0, lunchDeskSize: 0, referrerBps: 10000 },
    });
    expect((await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000002' } })).receivedBy!.id).toBe('li');
  });

  it('a scenario whose policy is out of bounds is refused before anything is seeded', async () => {
    const { replayText } = await import('../../src/cli/replay');
    const text = [
      'name: bad policy',
      'policy: { protectionMonths: 2147483648 }',
      'staff:',
      '  - { id: zhang, name: 张伟, roles: [consultant] }',
      'steps: []',
      '',
    ].join('\n');
    await expect(replayText(text)).rejects.toThrow(/protectionMonths/);
  });
});

describe('docs/policy.md', () => {
  it('lists every policy key with the bounds and default the code enforces', () => {
    const rows = new Map(
      readFileSync('docs/policy.md', 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) => l.split('|').map((c) => c.trim()))
        .map((c) => [c[1]!.replace(/`/g, ''), { bounds: c[5], def: c[6], rule: c[7] }]),
    );
    expect([...rows.keys()].sort()).toEqual(Object.keys(POLICY_BOUNDS).sort());
    for (const [key, b] of Object.entries(POLICY_BOUNDS)) {
      const row = rows.get(key)!;
      expect(row.bounds, key).toBe(b.type === 'boolean' ? 'true / false' : `${b.min} … ${b.max}`);
      expect(row.def, key).toBe(String(DEFAULT_POLICY[key as keyof typeof DEFAULT_POLICY]));
      expect(row.rule, key).toMatch(/^R-[A-Z]+-\d+/);
    }
  });
});

describe('a policy version stored before the bounds existed', () => {
  it('is read clamped into the bounds, so the office keeps working and the director can correct it', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    // written as an older version of the app could (its settings screen allowed up to 999 months)
    const at = new Date('2026-05-08T08:00:00').toISOString();
    await run(
      t.app,
      sql`INSERT INTO policy_versions (effective_at, params, created_by, created_at) VALUES (${at}, ${JSON.stringify({ protectionMonths: 999, lunchDeskSize: 'x', retired: 1 })}, 'dir', ${at})`,
    );
    const got = await t.ok('mgr', 'policy.get', {});
    expect(got.current.protectionMonths).toBe(POLICY_BOUNDS.protectionMonths.max);
    expect(got.current.lunchDeskSize).toBe(DEFAULT_POLICY.lunchDeskSize);
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '王先生', phone: '13800138000' } });
    expect(w.receivedBy!.id).toBe('zhang');
    const fixed = await t.ok('dir', 'policy.update', { changes: { protectionMonths: 1 } });
    expect(fixed.policy.protectionMonths).toBe(1);
  });
});
