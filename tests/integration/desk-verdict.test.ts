/**
 * What the desk's verdict tells before Enter (issue 17 items 6, 8, 9), as facts: the name on a known number,
 * who is with a customer already being received (and the server refusing a second reception, or a second
 * place on the waiting list), where an owner is (busy is not absent), a referral with today's appointment
 * (R-REF-4), a company client (R-CO-1), the consultant chosen at the desk named in the proposal, and what
 * happens when nobody is free. One office day, a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
let songVisit = 0;

beforeAll(async () => {
  t = await testApp({ at: '2027-03-01T09:00:00' });
  await t.ok('pm', 'referral.register', { referrer: 'sun', customer: { name: '鲁智深', phone: '13611110006' }, appointment: '2027-03-01' });
  await t.ok('pm', 'company.register', { customer: { name: '高俅', phone: '13611110007' }, introducedBy: '集团王总' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  t.clock.set(new Date('2027-03-01T10:00:00'));
  // 宋江 is received by 张伟 and is still with him
  const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '宋江', phone: '13611110001' } });
  songVisit = w.visitId!;
  expect(w.receivedBy?.id).toBe('zhang');
});
afterAll(async () => {
  await t?.close();
});

describe('the desk verdict', () => {
  it('a known number gives the name on its record; another name typed is flagged before registering', async () => {
    const v = await t.ok('qian', 'desk.lookup', { phone: '13611110001' });
    expect(v.name).toBe('宋江');
    const other = await t.ok('qian', 'desk.lookup', { phone: '13611110001', name: '宋清' });
    expect(other.possibleMatches).toContainEqual(
      expect.objectContaining({ customerId: v.customerId, name: '宋江', why: expect.objectContaining({ kind: 'phone_under_other_name' }) }),
    );
    expect((await t.ok('qian', 'desk.lookup', { phone: '13611119999' })).name).toBeNull();
  });

  it('a customer in reception: the verdict names who is with them, the proposal and the server refuse a second reception', async () => {
    const v = await t.ok('qian', 'desk.lookup', { phone: '13611110001', name: '宋江' });
    expect(v.inReception).toEqual({ visitId: songVisit, consultant: { id: 'zhang', name: '张伟' } });
    expect(v.proposal).toMatchObject({
      consultant: null,
      refused: { reason: 'customer_in_reception', params: { visitId: songVisit, staffId: 'zhang', name: '张伟' } },
    });
    const again = await t.as('qian', 'desk.walkIn', { customer: { name: '宋江', phone: '13611110001' } });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: 'customer_in_reception', params: { visitId: songVisit, staffId: 'zhang', name: '张伟' } },
    });
    // nothing was written: 张伟 still has one reception, and 李娜 is still next
    const roster = await t.ok('qian', 'roster.today', {});
    expect(roster?.queue.find((q) => q.id === 'zhang')?.receiving.map((r) => r.visitId)).toEqual([songVisit]);
    expect(roster?.next).toBe('li');
  });

  it('an owner busy is told apart from an owner absent', async () => {
    // 宋江 is 张伟's customer (registered today, pending): 张伟 is receiving him
    await t.ok('zhang', 'desk.finish', { visit: songVisit });
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '林冲', phone: '13611110002' } });
    expect(w.receivedBy?.id).toBe('li');
    await t.ok('li', 'desk.finish', { visit: w.visitId! });
    t.clock.set(new Date('2027-03-01T17:00:00'));
    await t.ok('pm', 'registration.confirm', { visit: w.visitId! });
    // 李娜 receives someone else; 林冲 comes back: his owner is receiving
    const other = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴用', phone: '13611110003' }, asksFor: 'li' });
    expect(other.receivedBy?.id).toBe('li');
    const busy = await t.ok('qian', 'desk.lookup', { phone: '13611110002', name: '林冲' });
    expect(busy.owners).toEqual([{ id: 'li', name: '李娜', presence: 'receiving' }]);
    expect(busy.proposal).toMatchObject({
      registeredFor: { id: 'li' },
      reception: 'voluntary',
      why: { rule: 'R-ROS-9', because: 'R-OWN-7' },
    });
    await t.ok('li', 'desk.finish', { visit: other.visitId! });
    await t.ok('mgr', 'roster.status', { consultant: 'li', status: 'absent' });
    const absent = await t.ok('qian', 'desk.lookup', { phone: '13611110002', name: '林冲' });
    expect(absent.owners).toEqual([{ id: 'li', name: '李娜', presence: 'absent' }]);
    await t.ok('mgr', 'roster.status', { consultant: 'li', status: 'present' });
    expect((await t.ok('qian', 'desk.lookup', { phone: '13611110002' })).owners[0]?.presence).toBe('free');
  });

  it("a referral with today's appointment and a company client are facts of the verdict", async () => {
    const ref = await t.ok('qian', 'desk.lookup', { phone: '13611110006', name: '鲁智深' });
    expect(ref.referralToday).toMatchObject({ referrer: { id: 'sun', name: '孙丽' } });
    const co = await t.ok('qian', 'desk.lookup', { phone: '13611110007', name: '高俅' });
    expect(co.companyClient).toMatchObject({ introducedBy: '集团王总' });
    expect(co.referralToday).toBeNull();
    const plain = await t.ok('qian', 'desk.lookup', { phone: '13611110002' });
    expect(plain.companyClient).toBeNull();
    expect(plain.referralToday).toBeNull();
  });

  it('with a consultant chosen at the desk the proposal names that consultant; a leadership-named one too', async () => {
    const designated = await t.ok('qian', 'desk.lookup', { phone: '13611118888', name: '新客', asksFor: 'wang' });
    expect(designated.proposal).toMatchObject({
      consultant: { id: 'wang', name: '王芳' },
      reception: 'designated',
      why: { rule: 'R-ROS-8' },
      refused: null,
    });
    const named = await t.ok('qian', 'desk.lookup', { phone: '13611110007', name: '高俅', leadershipNamed: 'wang' });
    expect(named.proposal).toMatchObject({ consultant: { id: 'wang' }, reception: 'voluntary', why: { rule: 'R-ROS-12' } });
  });

  it('nobody free: the proposal says the customer waits; a second place on the waiting list is refused', async () => {
    const a = await t.ok('qian', 'desk.walkIn', { customer: { name: '新一', phone: '13611112001' } });
    const b = await t.ok('qian', 'desk.walkIn', { customer: { name: '新二', phone: '13611112002' } });
    const c = await t.ok('qian', 'desk.walkIn', { customer: { name: '新三', phone: '13611112003' } });
    expect([a, b, c].map((x) => x.receivedBy?.id).sort()).toEqual(['li', 'wang', 'zhang']);
    const look = await t.ok('qian', 'desk.lookup', { phone: '13611112004', name: '新四' });
    expect(look.proposal).toMatchObject({ waiting: true, consultant: null, why: { rule: 'R-ROS-6' } });
    const waits = await t.ok('qian', 'desk.walkIn', { customer: { name: '新四', phone: '13611112004' } });
    expect(waits.waiting?.position).toBe(1);
    const again = await t.ok('qian', 'desk.lookup', { phone: '13611112004', name: '新四' });
    expect(again.waitingAlready).toEqual({ waitId: waits.waiting!.waitId, position: 1 });
    const twice = await t.as('qian', 'desk.walkIn', { customer: { name: '新四', phone: '13611112004' } });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'customer_already_waiting' } });
    expect((await t.ok('qian', 'roster.today', {}))?.waiting).toHaveLength(1);
  });
});
