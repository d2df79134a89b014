/**
 * Bad text, names, phones and dates (issue 13 point 16) are refused by the shared schemas (src/api/schemas),
 * so every method refuses them the same way: `validation`, an issue naming the problem and the field, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { spec as contract } from '../../src/api/spec';
import { writtenState } from '../support/row-counts';
import { testApp, type TestApp, refusal } from '../support/app';
import type { MethodName } from '../../src/api/spec';
import { said, wordable } from '../support/refusals';

let t: TestApp;
let visit: number;
let customer: number;
beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
  const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
  visit = w.visitId!;
  customer = w.customerId!;
  await t.ok('pm', 'registration.confirm', { visit });
});
afterAll(async () => {
  await t.close();
});

/** Every table's row count and SQLite's count of changes: a refused call moves neither. */
const written = () => writtenState(t.app);

const BAD_TEXT: [string, string, RegExp][] = [
  ['NUL', '周\u0000杰', /text_control/],
  ['ESC', '\u001b[2J周杰', /text_control/],
  ['U+202E', '周\u202e杰', /text_bidi/],
  ['a lone surrogate', '周\ud83d杰', /text_broken_unicode/],
];

describe('through dispatch: each kind of bad input refused by every method that takes it', () => {
  const cases: [string, string, string, (bad: string) => unknown][] = [
    ['a walk-in name', 'desk.walkIn', 'qian', (bad) => ({ customer: { name: bad, phone: '13800000009' } })],
    ['a phone inquiry note', 'desk.phoneInquiry', 'zhang', (bad) => ({ customer: { name: '吴敏', phone: '13800000009' }, note: bad })],
    ['a follow-up', 'followUp.log', 'zhang', (bad) => ({ customer, channel: 'phone', content: bad })],
    ['a manager note', 'followUp.note', 'mgr', (bad) => ({ consultant: 'zhang', text: bad })],
    ['a grade label', 'grades.setLabel', 'mgr', (bad) => ({ grade: 'A', label: bad })],
    ['a rejection reason', 'registration.reject', 'pm', (bad) => ({ visit, reason: bad })],
    ['a correction of the name', 'registration.correct', 'pm', (bad) => ({ visit, set: { name: bad }, reason: '录错' })],
    ['a roster reason', 'roster.disqualify', 'mgr', (bad) => ({ consultant: 'li', reason: bad })],
    ['a company introducer', 'company.register', 'pm', (bad) => ({ customer: { name: '郑洁', phone: '13800000008' }, introducedBy: bad })],
    ['a unit number', 'deal.close', 'mgr', (bad) => ({ customer, unit: bad, price: 100_000, commission: 1_000 })],
    ['a dispute claim', 'dispute.raise', 'pm', (bad) => ({ customer, claim: bad })],
    ['a new staff member', 'staff.create', 'dir', (bad) => ({ name: bad, roles: ['consultant'], pin: '135790' })],
    ['a staff id', 'roster.add', 'mgr', (bad) => ({ consultant: bad })],
    ['a search', 'customer.search', 'qian', (bad) => ({ q: bad })],
  ];
  for (const [what, method, who, input] of cases) {
    it(what, async () => {
      for (const [kind, bad, message] of BAD_TEXT) {
        const before = await written();
        const r = await t.as(who, method as MethodName, input(bad));
        expect(r, `${method} ${kind}`).toMatchObject({ ok: false, error: { code: 'validation' } });
        expect(said(refusal(r)), `${method} ${kind}`).toMatch(message);
        expect(await written(), `${method} ${kind}`).toBe(before);
      }
    });
  }

  it('invisible characters in a name; phones that are no number; dates outside 2000–2100', async () => {
    const refused: [string, string, unknown, RegExp][] = [
      ['desk.walkIn', 'qian', { customer: { name: '周\u200b杰', phone: '13800000009' } }, /text_invisible（customer\.name）/],
      ['desk.walkIn', 'qian', { customer: { name: '\u3164', phone: '13800000009' } }, /text_invisible/],
      ['staff.create', 'dir', { name: '张\u200d伟', roles: ['consultant'], pin: '135790' }, /text_invisible（name）/],
      ['desk.walkIn', 'qian', { customer: { name: '周杰', phone: '00000000000' } }, /phone_landline_shape（customer\.phone）/],
      ['desk.lookup', 'qian', { phone: '00000000000' }, /phone_landline_shape/],
      [
        'referral.register',
        'pm',
        { referrer: 'sun', customer: { name: '郑洁', phone: '010-12345678' }, appointment: '2026-05-09' },
        /phone_landline_shape/,
      ],
      [
        'referral.register',
        'pm',
        { referrer: 'sun', customer: { name: '郑洁', phone: '13800000008' }, appointment: '9999-12-31' },
        /day_out_of_range.*2100-12-31.*（appointment）/,
      ],
      [
        'followUp.log',
        'zhang',
        { customer, channel: 'phone', content: '电话', nextDay: '0001-01-01' },
        /day_out_of_range.*2000-01-01.*（nextDay）/,
      ],
      ['registration.day', 'pm', { day: '9999-12-31' }, /day_out_of_range/],
      ['statement.month', 'dir', { month: '9999-12' }, /month_out_of_range/],
      ['roster.at', 'mgr', { at: '9999-12-31T23:59' }, /day_out_of_range/],
      [
        'desk.announce',
        'zhang',
        { customer: { name: '郑洁' }, from: customer, expectedAt: '0001-01-01T10:00' },
        /day_out_of_range\{.*\}（expectedAt）/,
      ],
    ];
    for (const [method, who, input, message] of refused) {
      const before = await written();
      const r = await t.as(who, method as MethodName, input);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(said(refusal(r)), method).toMatch(message);
      expect(wordable(refusal(r))).toBe(true);
      expect(await written(), method).toBe(before);
    }
    // and the ordinary things still pass
    await t.ok('qian', 'desk.walkIn', { customer: { name: 'Mary Ann', phone: '0731-88886666' } });
    await t.ok('zhang', 'followUp.log', { customer, channel: 'phone', content: '第一行\n第二行👍', nextDay: '2026-05-10' });
  });
});

/** Every string an input schema holds, wherever it sits (objects, arrays, records, unions, optionals). */
function stringLeaves(schema: z.ZodType, path: string, out: [string, z.ZodType][] = []): [string, z.ZodType][] {
  const d = (schema as any)._zod.def;
  if (d.type === 'string') out.push([path, schema]);
  else if (d.type === 'object') for (const [k, v] of Object.entries(d.shape)) stringLeaves(v as z.ZodType, `${path}.${k}`, out);
  else if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(d.type)) stringLeaves(d.innerType, path, out);
  else if (d.type === 'array') stringLeaves(d.element, `${path}[]`, out);
  else if (d.type === 'record') stringLeaves(d.keyType, `${path}{key}`, stringLeaves(d.valueType, `${path}{}`, out));
  else if (d.type === 'union') d.options.forEach((o: z.ZodType) => stringLeaves(o, path, out));
  else if (d.type === 'pipe') stringLeaves(d.in, path, out);
  return out;
}

describe('every method: no string field of any input takes NUL, ESC, U+202E or a lone surrogate', () => {
  // Strings that are checked against a closed list after parsing, never stored as typed.
  const CLOSED = new Set(['policy.update.changes{key}', 'audit.list.method']);
  it('each string in each input schema refuses them', () => {
    const accepted: string[] = [];
    let fields = 0;
    for (const [name, def] of Object.entries(contract)) {
      for (const [path, leaf] of stringLeaves(def.input, name)) {
        if (CLOSED.has(path)) continue;
        fields++;
        for (const [kind, bad] of BAD_TEXT) if (leaf.safeParse(bad).success) accepted.push(`${path} (${kind})`);
      }
    }
    expect(accepted).toEqual([]);
    expect(fields).toBeGreaterThan(40);
  });
});
