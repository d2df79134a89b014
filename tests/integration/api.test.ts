import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spec as contract } from '../../src/api/spec';
import { PINS, refusal, testApp, type TestApp } from '../support/app';
import { rowCounts as countRows } from '../support/row-counts';
import { said } from '../support/refusals';
import { row, rows } from '../support/sql';
import { sql } from 'kysely';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.close();
});

const rowCounts = (t: TestApp) => countRows(t.app);

describe('the contract', () => {
  it('every method declares roles, an input schema, a Chinese summary', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(def.roles === 'public' || def.roles.length > 0, name).toBe(true);
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(def.summary, name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('an unknown method is not_found and changes nothing', async () => {
    const before = await rowCounts(t);
    const r = (await t.app.dispatch({ staffId: 'mgr' }, 'roster.explode', {})).result;
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(refusal(r).reason).toBe('unknown_method');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('a method needing a role refuses a person without it, and anyone not signed in', async () => {
    const before = await rowCounts(t);
    expect(await t.as('zhang', 'roster.start', { order: ['zhang'] })).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await t.as('sun', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } })).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
    expect(await t.as(null, 'roster.today', {})).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await t.as('ghost', 'roster.today', {})).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('bad input is a validation error naming the problem and the field, and nothing is written', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const before = await rowCounts(t);
    const cases: [unknown, RegExp][] = [
      [{ customer: { name: '周杰', phone: '12345' } }, /phone_mobile_shape（customer\.phone）/],
      [{ customer: { name: '   ', phone: '13800000001' } }, /required（customer\.name）/],
      [{ customer: { name: '周'.repeat(41), phone: '13800000001' } }, /too_long\{"max":40\}（customer\.name）/],
      [{ customer: { name: '周\u0007杰', phone: '13800000001' } }, /text_control（customer\.name）/],
      [{ customer: { name: '周杰', phone: 13800000001 } }, /wrong_type\{"expected":"string"\}（customer\.phone）/],
      [
        { customer: { name: "Robert'); DROP TABLE visits;--", phone: "13800000001'; DROP TABLE customers;--" } },
        /phone_digits_only（customer\.phone）/,
      ],
      [{ customer: { name: '周杰', phone: "138' OR '1'='1" } }, /phone_digits_only/],
      [{ customer: { name: '周杰', phone: '13800000001' }, extra: 1 }, /unknown_field\{"keys":"extra"\}/],
      ['not an object', /wrong_type\{"expected":"object"\}/],
    ];
    for (const [input, message] of cases) {
      const r = await t.as('qian', 'desk.walkIn', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      expect(refusal(r).code).toBe('validation');
      expect(said(refusal(r))).toMatch(message);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('first-run setup works once, and only on an empty database', async () => {
    const r = await t.as(null, 'setup.firstRun', { staff: [{ id: 'x', name: '某人', roles: ['admin'] }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('signing in returns the new session; signing out clears it', async () => {
    const a = await t.app.dispatch(null, 'session.signIn', { staffId: 'qian', pin: PINS.qian });
    expect(a.session).toEqual({ staffId: 'qian', epoch: 0 });
    expect(a.result).toMatchObject({ ok: true, value: { id: 'qian', roles: ['front_desk'] } });
    expect((await t.app.dispatch({ staffId: 'qian' }, 'session.signOut', {})).session).toBeNull();
    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'nobody', pin: '1234' })).result).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('the first slice: roster, walk-in, reception finished', () => {
  it('the manager starts the roster; the desk registers a walk-in; the head receives and goes to the back', async () => {
    const started = await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    expect(started.queue.map((e: { id: string }) => e.id)).toEqual(['zhang', 'li', 'wang']);
    expect(started.next).toBe('zhang');

    t.clock.set(new Date('2026-03-02T09:30:00'));
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '138 0000 0001' } });
    expect(w.receivedBy).toEqual({ id: 'zhang', name: '张伟' });
    expect(w.reception).toBe('roster');
    expect(w.roster.queue.map((e: { id: string }) => e.id)).toEqual(['li', 'wang', 'zhang']);
    expect(w.roster.queue[2]!.receiving).toEqual([{ visitId: w.visitId, reception: 'roster', customerName: '周杰' }]);

    // the visit, its pending registration and the audit row carry the injected clock and the person
    const visit = (await row(t.app, sql<Record<string, unknown>>`SELECT * FROM visits WHERE id = ${w.visitId}`))!;
    expect(visit).toMatchObject({
      consultant_id: 'zhang',
      reception: 'roster',
      recorded_by: 'qian',
      at: new Date('2026-03-02T09:30:00').toISOString(),
    });
    const audit = await rows(t.app, sql`SELECT actor_id, at FROM audit_log WHERE method = 'desk.walkIn'`);
    expect(audit).toEqual([{ actor_id: 'qian', at: new Date('2026-03-02T09:30:00').toISOString() }]);
    expect((await t.ok('pm', 'registration.day', { day: '2026-03-02' }))[0]).toMatchObject({
      customerName: '周杰',
      consultant_id: 'zhang',
      status: 'pending',
    });

    // someone else may not finish zhang's reception; zhang may, once
    expect(await t.as('li', 'desk.finish', { visit: w.visitId })).toMatchObject({ ok: false, error: { code: 'permission' } });
    t.clock.set(new Date('2026-03-02T10:00:00'));
    const f = await t.ok('zhang', 'desk.finish', { visit: w.visitId });
    expect(f.roster!.queue[2]!.receiving).toEqual([]);
    expect(await t.as('zhang', 'desk.finish', { visit: w.visitId })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('a walk-in before the roster has started is refused plainly, and nothing is written', async () => {
    const r = await t.as('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(refusal(r)).toMatchObject({ reason: 'roster_not_started' });
    expect(await row(t.app, sql`SELECT count(*) AS n FROM customers`)).toEqual({ n: 0 });
  });

  it('the roster starts once a day and only with consultants', async () => {
    expect(await t.as('mgr', 'roster.start', { order: ['zhang', 'qian'] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await t.as('mgr', 'roster.start', { order: ['zhang', 'zhang'] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    await t.ok('mgr', 'roster.start', { order: ['zhang'] });
    expect(await t.as('mgr', 'roster.start', { order: ['li'] })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('nobody free: the walk-in waits and goes to the first consultant who becomes free, in queue order (R-ROS-6)', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const a = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    const b = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000002' } });
    const c = await t.ok('qian', 'desk.walkIn', { customer: { name: '郑洁', phone: '13800000003' } });
    const d = await t.ok('qian', 'desk.walkIn', { customer: { name: '王小川', phone: '13800000004' } });
    expect([a.receivedBy!.id, b.receivedBy!.id]).toEqual(['zhang', 'li']);
    expect(c).toMatchObject({ visitId: null, receivedBy: null, waiting: { position: 1 } });
    expect(d).toMatchObject({ visitId: null, receivedBy: null, waiting: { position: 2 } });
    expect(d.roster.waiting.map((w: { name: string }) => w.name)).toEqual(['郑洁', '王小川']);
    expect(await row(t.app, sql`SELECT count(*) AS n FROM visits`)).toEqual({ n: 2 });

    t.clock.set(new Date('2026-03-02T09:40:00'));
    const f = await t.ok('li', 'desk.finish', { visit: b.visitId });
    // li is free: the first waiting customer goes to li at once, registered to li, and li goes to the back
    expect(f.roster!.waiting.map((w: { name: string }) => w.name)).toEqual(['王小川']);
    expect(f.roster!.queue.map((e: { id: string }) => e.id)).toEqual(['zhang', 'li']);
    expect(f.roster!.queue[1]!.receiving).toEqual([expect.objectContaining({ customerName: '郑洁', reception: 'roster' })]);
    const visit = await row(
      t.app,
      sql`SELECT v.consultant_id, v.at FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = '郑洁'`,
    );
    expect(visit).toEqual({ consultant_id: 'li', at: new Date('2026-03-02T09:40:00').toISOString() });

    // a waiting customer who leaves is taken off the list, nothing else changes
    const left = await t.ok('qian', 'desk.leaveWaiting', { waitId: d.waiting!.waitId, reason: '客户有事先走' });
    expect(left.waiting).toEqual([]);
    expect(await t.as('qian', 'desk.leaveWaiting', { waitId: d.waiting!.waitId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('only the PM approves an errand, in their own name (R-ROS-4)', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    expect(await t.as('mgr', 'roster.status', { consultant: 'zhang', status: 'away', approvedBy: 'pm', reason: '送合同' })).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
    expect(await t.as('zhang', 'roster.status', { consultant: 'zhang', status: 'away' })).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
    expect(await t.as('zhang', 'roster.status', { consultant: 'li', status: 'lunch' })).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
    await t.ok('zhang', 'roster.status', { consultant: 'zhang', status: 'lunch' });
    const v = await t.ok('pm', 'roster.status', { consultant: 'li', status: 'away', approvedBy: 'pm', reason: '项目经理安排送合同' });
    expect(v.queue[1]).toMatchObject({ id: 'li', status: 'away', awayApproved: true });
  });

  it('the queue at a past moment is rebuilt from the events (R-ROS-13)', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    t.clock.set(new Date('2026-03-02T09:30:00'));
    await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    t.clock.set(new Date('2026-03-02T10:00:00'));
    await t.ok('mgr', 'roster.disqualify', { consultant: 'li', reason: '未着工装' });
    const at = async (time: string) =>
      (await t.ok('mgr', 'roster.at', { at: new Date(time).toISOString() }))?.queue.map((e: { id: string }) => e.id);
    expect(await at('2026-03-02T09:15:00')).toEqual(['zhang', 'li', 'wang']);
    expect(await at('2026-03-02T09:45:00')).toEqual(['li', 'wang', 'zhang']);
    expect(await at('2026-03-02T10:30:00')).toEqual(['wang', 'zhang', 'li']);
    expect(await at('2026-03-01T10:30:00')).toBeUndefined();
  });
});
