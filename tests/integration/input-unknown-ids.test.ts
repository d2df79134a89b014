/**
 * A well-formed id that names nothing (issue 13 point 17) is `not_found`, naming what is missing — never a
 * SQLite "FOREIGN KEY constraint failed" shown as 系统内部错误 — and nothing is written.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { spec as contract } from '../../src/api/spec';
import { storageError } from '../../src/services/dispatch';
import { recordId, staffId } from '../../src/api/schemas';
import { writtenState } from '../support/row-counts';
import { testApp, type TestApp, refusal } from '../support/app';
import type { MethodName } from '../../src/api/spec';
import { said, wordable } from '../support/refusals';
import { REASONS } from '../../src/api/reasons';

let t: TestApp;
const G = 'ghost';
const N = 999_999;
beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
  const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
  await t.ok('mgr', 'deal.close', { customer: w.customerId, unit: '1-101', price: 100_000_000, commission: 1_000_000 });
  await t.ok('zhang', 'dispute.raise', { deal: 1, claim: '归属有误' });
});
afterAll(async () => {
  await t.close();
});

/** Every table's row count and SQLite's count of changes: a refused call moves neither. */
const written = () => writtenState(t.app);

/** A well-formed id that names nothing, in every field of every method that takes one. */
const CASES: [string, string | null, unknown][] = [
  ['session.signIn', null, { staffId: G, pin: '123456' }],
  ['session.openStation', null, { staffId: G, pin: '123456' }],
  ['staff.update', 'dir', { id: G, active: false }],
  ['staff.resetPin', 'dir', { id: G, pin: '123456' }],
  ['roster.status', 'mgr', { consultant: G, status: 'lunch' }],
  ['roster.swap', 'mgr', { a: G, b: 'zhang' }],
  ['roster.move', 'mgr', { consultant: G, to: 'head' }],
  ['roster.disqualify', 'mgr', { consultant: G, reason: 'x' }],
  ['roster.priority', 'mgr', { consultant: G }],
  ['roster.add', 'mgr', { consultant: G }],
  ['roster.remove', 'mgr', { consultant: G, reason: 'x' }],
  ['desk.walkIn', 'qian', { customer: { name: '吴敏', phone: '13800000002' }, with: N }],
  ['desk.walkIn', 'mgr', { customer: { name: '吴敏', phone: '13800000002' }, asksFor: G }],
  ['desk.walkIn', 'mgr', { customer: { name: '吴敏', phone: '13800000002' }, leadershipNamed: G }],
  ['desk.leaveWaiting', 'qian', { waitId: N }],
  ['desk.finish', 'mgr', { visit: N }],
  ['desk.switch', 'mgr', { visit: N, to: 'li' }],
  ['desk.switch', 'mgr', { visit: 1, to: G }],
  ['desk.refuse', 'mgr', { visit: N, fault: 'serious' }],
  ['desk.announce', 'zhang', { customer: { name: '吴敏' }, from: N, expectedAt: '2026-05-08T15:00' }],
  ['customer.identify', 'pm', { customer: N, sameAs: 1 }],
  ['customer.identify', 'pm', { customer: 1, sameAs: N }],
  ['customer.household', 'pm', { a: N, b: 1 }],
  ['customer.household', 'pm', { a: 1, b: N }],
  ['customer.get', 'mgr', { customer: N }],
  ['registration.confirm', 'pm', { visit: N }],
  ['registration.reject', 'pm', { visit: N, reason: 'x' }],
  ['registration.correct', 'pm', { visit: N, set: { name: '吴敏' }, reason: 'x' }],
  ['registration.correct', 'pm', { visit: 1, set: { consultant: G }, reason: 'x' }],
  ['referral.register', 'pm', { referrer: G, customer: { name: '吴敏', phone: '13800000002' }, appointment: '2026-05-09' }],
  ['referral.confirm', 'pm', { referral: N, visit: 1 }],
  ['referral.status', 'pm', { referral: N }],
  ['deal.close', 'mgr', { customer: N, unit: '1-101', price: 100, commission: 10 }],
  ['deal.close', 'mgr', { customer: 1, unit: '1-101', price: 100, commission: 10, afterSales: G }],
  ['deal.change', 'mgr', { deal: N, unit: '1-102' }],
  ['deal.split', 'mgr', { deal: N }],
  ['dispute.raise', 'pm', { deal: N, claim: 'x' }],
  ['dispute.raise', 'pm', { customer: N, claim: 'x' }],
  ['dispute.opinion', 'pm', { dispute: N, split: { zhang: 10000 }, text: 'x' }],
  ['dispute.return', 'dir', { dispute: N, comment: 'x' }],
  ['dispute.approve', 'dir', { dispute: N }],
  ['dispute.get', 'mgr', { dispute: N }],
  ['followUp.log', 'zhang', { customer: N, channel: 'phone', content: 'x' }],
  ['followUp.note', 'mgr', { consultant: G, text: 'x' }],
  ['followUp.note', 'mgr', { consultant: 'zhang', customer: N, text: 'x' }],
];

/**
 * Reads that filter by an id answer an empty list for an unknown one: nothing refers to it and nothing is
 * written, so there is nothing to refuse.
 */
const FILTERS = new Set(['registration.expiring', 'audit.list', 'followUp.list', 'followUp.overview']);

/**
 * An id at another site of an office group: a database of one site (this test's) refuses the call before any id is
 * looked up (site_needs_group, or the same site); an unknown one there is site_staff_not_found, changing nothing, in
 * tests/postgres/staff-sites.test.ts.
 */
const OTHER_SITE = new Set(['staff.addFromSite']);

/**
 * desk.lookup asks "how would this walk-in go?" with what the desk has chosen so far: an unknown companion or
 * consultant is its proposal's refusal (the one desk.walkIn would give, a not_found reason), not the read's.
 */
const PROPOSALS: [string, string, unknown][] = [
  ['desk.lookup', 'qian', { phone: '13800000002', with: N }],
  ['desk.lookup', 'mgr', { phone: '13800000002', asksFor: G }],
  ['desk.lookup', 'mgr', { phone: '13800000002', leadershipNamed: G }],
];

/** The fields of an input schema that hold a staff id or a record id. */
function idFields(schema: z.ZodType, path: string, out: string[] = []): string[] {
  if (schema === (staffId as z.ZodType) || schema === (recordId as z.ZodType)) return [...out, path];
  const d = (schema as any)._zod.def;
  if (d.type === 'object') for (const [k, v] of Object.entries(d.shape)) out = idFields(v as z.ZodType, `${path}.${k}`, out);
  else if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(d.type)) out = idFields(d.innerType, path, out);
  else if (d.type === 'array') out = idFields(d.element, `${path}[]`, out);
  else if (d.type === 'record') out = idFields(d.valueType, `${path}{}`, idFields(d.keyType, `${path}{key}`, out));
  else if (d.type === 'union') for (const o of d.options) out = idFields(o, path, out);
  return out;
}

describe('unknown ids: not_found naming what is missing, nothing written', () => {
  it('the table covers every method of the contract that takes an id', () => {
    const covered = new Set(CASES.map(([m]) => m));
    const takesIds = Object.entries(contract)
      .filter(([name, def]) => idFields(def.input, name).length > 0)
      .map(([name]) => name);
    for (const [m] of PROPOSALS) covered.add(m);
    expect(takesIds.filter((m) => !covered.has(m) && !FILTERS.has(m) && !OTHER_SITE.has(m) && m !== 'roster.start')).toEqual([]);
    expect(takesIds.length).toBeGreaterThan(30);
  });

  for (const [method, who, input] of CASES) {
    it(`${method} ${JSON.stringify(input)}`, async () => {
      const before = await written();
      const r = await t.as(who, method as MethodName, input);
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(refusal(r).reason).not.toBe('internal');
      expect(said(refusal(r))).not.toMatch(/FOREIGN KEY|Invalid time/);
      expect(wordable(refusal(r))).toBe(true);
      // the refusal names what is missing: the id asked for, or the kind of record
      expect(said(refusal(r))).toMatch(new RegExp(`${G}|${N}|找不到|没有|not_found|_missing|unknown_`));
      expect(await written()).toBe(before);
    });
  }

  for (const [method, who, input] of PROPOSALS) {
    it(`${method} ${JSON.stringify(input)}: the proposal is refused as not_found`, async () => {
      const before = await written();
      const r = await t.ok(who, method as 'desk.lookup', input);
      expect(r.proposal?.refused).toBeTruthy();
      expect(REASONS[r.proposal!.refused!.reason]).toBe('not_found');
      expect(await written()).toBe(before);
    });
  }

  it('a FOREIGN KEY failure a service did not foresee is still not_found, never 系统内部错误', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER NOT NULL REFERENCES a(id))');
    let caught: unknown = null;
    try {
      db.prepare('INSERT INTO b (a_id) VALUES (1)').run();
    } catch (e) {
      caught = e;
    }
    db.close();
    expect(String(caught)).toMatch(/FOREIGN KEY/);
    expect(storageError(caught)).toMatchObject({ code: 'not_found', reason: 'reference_missing' });
  });
});
