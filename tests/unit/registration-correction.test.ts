/** A registration's correction (src/domain/registration-correction.ts; R-OWN-4): facts in → changes or refusal, by hand. */
import { describe, expect, it } from 'vitest';
import { correctionDecision } from '../../src/domain/registration-correction';

const reg = { status: 'confirmed' as const, consultant: 'zhang', customerId: 7 };
const customer = { name: '宋江', phone: '13611110001', phoneKey: '13611110001' };
const li = { id: 'li', name: '李四', roles: ['consultant'] as const };
const front = { id: 'desk', name: '前台', roles: ['front_desk'] as const };
const wu = { id: 9, name: '吴用' };

type Facts = Parameters<typeof correctionDecision>[0];
const base: Facts = { visitId: 3, set: {}, registration: reg, customer, consultant: null, phoneOwner: null };

describe('correctionDecision: the refusals, each alone and in the order they have always been judged', () => {
  it.each<[string, Partial<Facts>, string, Record<string, string | number>?]>([
    ['nothing to correct', { set: {} }, 'correction_empty'],
    ['empty strings are nothing', { set: { name: '', phone: '' } }, 'correction_empty'],
    ['nothing to correct, of a visit with no registration: the input is judged first', { set: {}, registration: null }, 'correction_empty'],
    ['a visit with no registration', { set: { name: '林冲' }, registration: null }, 'registration_not_found', { visitId: 3 }],
    [
      'a rejected registration',
      { set: { name: '林冲' }, registration: { ...reg, status: 'rejected' } },
      'correction_of_rejected',
      { visitId: 3 },
    ],
    [
      'a rejected registration whose new number is another customer’s: rejected first',
      { set: { phone: '13611110003' }, registration: { ...reg, status: 'rejected' }, phoneOwner: wu },
      'correction_of_rejected',
      { visitId: 3 },
    ],
    ['the customer record is gone', { set: { name: '林冲' }, customer: null }, 'customer_not_found', { customerId: 7 }],
    ['a consultant who is no active staff', { set: { consultant: 'ghost' }, consultant: null }, 'staff_not_found', { staffId: 'ghost' }],
    [
      'a staff member who is no consultant',
      { set: { consultant: 'desk' }, consultant: front },
      'staff_not_in_role',
      { staffId: 'desk', name: '前台', roles: 'consultant' },
    ],
    [
      'the new number is another customer’s',
      { set: { phone: '13611110003' }, phoneOwner: wu },
      'phone_of_other_customer',
      { phone: '13611110003', customerId: 9, customerName: '吴用' },
    ],
    [
      'no consultant and a number that is another’s: the consultant first',
      { set: { consultant: 'ghost', phone: '13611110003' }, consultant: null, phoneOwner: wu },
      'staff_not_found',
      { staffId: 'ghost' },
    ],
    [
      'a name that changes and a number that is another’s: the number refuses it all',
      { set: { name: '林冲', phone: '136 1111 0003' }, phoneOwner: wu },
      'phone_of_other_customer',
      { phone: '136 1111 0003', customerId: 9, customerName: '吴用' },
    ],
    ['the same name', { set: { name: '宋江' } }, 'correction_unchanged'],
    ['the same consultant (not looked at as staff)', { set: { consultant: 'zhang' }, consultant: null }, 'correction_unchanged'],
    ['the same number written otherwise', { set: { phone: '136-1111-0001' } }, 'correction_unchanged'],
    [
      'the same number, even though another record shares its key: no change, nothing taken',
      { set: { phone: '13611110001' }, phoneOwner: wu },
      'correction_unchanged',
    ],
  ])('%s → %s', (_what, facts, reason, params) => {
    const got = correctionDecision({ ...base, ...facts });
    expect(got.refusal).toEqual({ reason, ...(params ? { params } : {}), rule: 'R-OWN-4' });
  });
});

describe('correctionDecision: the changes, with the old values', () => {
  it.each<[string, Partial<Facts>, object]>([
    [
      'a consultant correction (moves ownership)',
      { set: { consultant: 'li' }, consultant: li },
      { consultant: { from: 'zhang', to: 'li' } },
    ],
    ['a name', { set: { name: '林冲' } }, { name: { from: '宋江', to: '林冲' } }],
    ['a number, trimmed', { set: { phone: ' 13611110004 ' } }, { phone: { from: '13611110001', to: '13611110004' } }],
    [
      'all three, an unchanged name left out',
      { set: { consultant: 'li', name: '宋江', phone: '13611110004' }, consultant: li },
      { consultant: { from: 'zhang', to: 'li' }, phone: { from: '13611110001', to: '13611110004' } },
    ],
    [
      'a pending registration is corrected too',
      { set: { name: '林冲' }, registration: { ...reg, status: 'pending' } },
      { name: { from: '宋江', to: '林冲' } },
    ],
  ])('%s', (_what, facts, changes) => {
    expect(correctionDecision({ ...base, ...facts })).toEqual({ refusal: null, changes });
  });
});
