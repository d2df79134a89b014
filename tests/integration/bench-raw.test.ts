/**
 * The benchmark's raw side (bench/raw-desk.ts, run by bench/raw.ts or bench/raw-postgres.ts on this run's
 * engine) answers the desk lookup as the services do, facts included that the synthetic office never has: a
 * customer in reception now, one already waiting, a referral with today's appointment (R-REF-4), a company
 * client (R-CO-1), and the proposal that follows (refused, waiting). The comparison is the benchmark's own
 * (answerOf, whose difference is a MISMATCH line), so a fact the raw side left out would fail here first.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawDesk } from '../../bench/raw';
import { answerOf, type RawSide } from '../../bench/raw-desk';
import { openRawDeskPostgres, type RawDeskPostgres } from '../../bench/raw-postgres';
import { testApp, type TestApp } from '../support/app';
import { onPostgres } from '../support/engine';

let t: TestApp;
let raw: RawSide;
let rawPg: RawDeskPostgres | null = null;
let songVisit = 0;
let songWith = { id: '', name: '' };

const PHONES = {
  song: '13611110001', // in reception (with 李娜: 张伟 received 林冲 first)
  lu: '13611110006', // referred by 孙丽, appointment today
  gao: '13611110007', // a company client
  lin: '13611110002', // received by 张伟 earlier today, pending
  fresh: '13611119999', // never seen
};

beforeAll(async () => {
  t = await testApp({ at: '2027-03-01T09:00:00' });
  await t.ok('pm', 'referral.register', { referrer: 'sun', customer: { name: '鲁智深', phone: PHONES.lu }, appointment: '2027-03-01' });
  await t.ok('pm', 'company.register', { customer: { name: '高俅', phone: PHONES.gao }, introducedBy: '集团王总' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  t.clock.set(new Date('2027-03-01T10:00:00'));
  const lin = await t.ok('qian', 'desk.walkIn', { customer: { name: '林冲', phone: PHONES.lin } });
  await t.ok('qian', 'desk.finish', { visit: lin.visitId! });
  const song = await t.ok('qian', 'desk.walkIn', { customer: { name: '宋江', phone: PHONES.song } });
  songVisit = song.visitId!;
  songWith = song.receivedBy!;
  if (onPostgres()) {
    rawPg = await openRawDeskPostgres((t.app as unknown as { postgres: { pool: pg.Pool } }).postgres.pool);
    raw = rawPg;
  } else raw = openRawDesk(t.app.handle.raw);
});
afterAll(async () => {
  rawPg?.close();
  await t?.close();
});

/** The service's and the raw side's answers for one lookup, as the benchmark compares them. */
async function both(phone: string, name?: string) {
  const input = name === undefined ? { phone } : { phone, name };
  const service = await t.ok('qian', 'desk.lookup', input);
  const r = await raw.deskLookup(phone, name, t.clock.now());
  return { service, raw: r };
}

describe('the benchmark raw side computes the desk verdict’s facts', () => {
  it('in reception now, a referral with today’s appointment, a company client: the same answers as the services', async () => {
    const song = await both(PHONES.song, '宋江');
    expect(songWith.id).toBe('li');
    expect(song.raw.inReception).toEqual({ visitId: songVisit, consultant: songWith });
    expect(song.raw.proposal).toMatchObject({ consultant: null, refused: { reason: 'customer_in_reception' } });
    expect(answerOf(song.raw)).toBe(answerOf(song.service));

    const lu = await both(PHONES.lu, '鲁智深');
    expect(lu.raw.referralToday).toEqual({ referralId: expect.any(Number), referrer: { id: 'sun', name: '孙丽' } });
    expect(answerOf(lu.raw)).toBe(answerOf(lu.service));

    const gao = await both(PHONES.gao);
    expect(gao.raw.companyClient).toEqual({ introducedBy: '集团王总', since: expect.any(String) });
    expect(answerOf(gao.raw)).toBe(answerOf(gao.service));

    for (const [phone, name] of [
      [PHONES.lin, '林冲'],
      [PHONES.lin, '林冲冲'],
      [PHONES.fresh, '武松'],
      [PHONES.fresh, undefined],
    ] as const) {
      const x = await both(phone, name);
      expect(answerOf(x.raw), `${phone} ${name}`).toBe(answerOf(x.service));
    }
    expect((await both(PHONES.lin, '林冲')).raw.pendingToday?.consultant.id).toBe('zhang');
  });

  it('the comparison sees each of those facts: an answer without one of them is a mismatch', async () => {
    const answers = [
      (await both(PHONES.song, '宋江')).service,
      (await both(PHONES.lu, '鲁智深')).service,
      (await both(PHONES.gao, '高俅')).service,
    ];
    // the fact taken away, or one made up where there was none
    const other = (x: unknown) => (x === null || x === false ? { reason: 'made_up' } : null);
    const drop = (v: any, path: string) => {
      const [a, b] = path.split('.') as [string, string | undefined];
      return b ? { ...v, [a]: { ...v[a], [b]: other(v[a][b]) } } : { ...v, [a]: other(v[a]) };
    };
    for (const path of ['name', 'inReception', 'waitingAlready', 'referralToday', 'companyClient', 'proposal.refused', 'proposal.waiting'])
      for (const v of answers) expect(answerOf(drop(v, path)), path).not.toBe(answerOf(v));
  });

  it('a customer already waiting, and everyone busy: the same answers (waiting, refused) as the services', async () => {
    // 王芳 and 张伟 take the next two; the one after waits
    await t.ok('qian', 'desk.walkIn', { customer: { name: '吴用', phone: '13611110003' } });
    await t.ok('qian', 'desk.walkIn', { customer: { name: '公孙胜', phone: '13611110004' } });
    const waits = await t.ok('qian', 'desk.walkIn', { customer: { name: '花荣', phone: '13611110005' } });
    expect(waits.waiting).not.toBeNull();
    const hua = await both('13611110005', '花荣');
    expect(hua.raw.waitingAlready).toEqual({ waitId: waits.waiting!.waitId, position: 1 });
    expect(hua.raw.proposal).toMatchObject({ refused: { reason: 'customer_already_waiting' } });
    expect(answerOf(hua.raw)).toBe(answerOf(hua.service));
    const fresh = await both(PHONES.fresh, '武松');
    expect(fresh.raw.proposal).toMatchObject({ waiting: true, consultant: null });
    expect(answerOf(fresh.raw)).toBe(answerOf(fresh.service));
    for (const phone of [PHONES.song, PHONES.lu, PHONES.gao, PHONES.lin]) {
      const x = await both(phone);
      expect(answerOf(x.raw), phone).toBe(answerOf(x.service));
    }
  });
});
