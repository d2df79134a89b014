/** Who sees a number in full and whose read is logged (src/domain/customer-reads.ts; R-SEC-1): facts in → {fullNumber, logged}, by hand. */
import { describe, expect, it } from 'vitest';
import { customerReadAccess, deskLookupAccess } from '../../src/domain/customer-reads';
import type { Role } from '../../src/domain/roles';

const who = (id: string, ...roles: Role[]) => ({ id, roles });
const PHONE = '13611110001';

describe('customerReadAccess: the customer page', () => {
  it.each<[string, ReturnType<typeof who> | null, string[], string | undefined, boolean, boolean]>([
    ['nobody signed in: masked, nothing to log', null, ['zhang'], undefined, false, false],
    ['the owner: in full, unlogged', who('zhang', 'consultant'), ['zhang'], undefined, true, false],
    ['a co-owner (a couple’s second consultant): in full, unlogged', who('li', 'consultant'), ['zhang', 'li'], undefined, true, false],
    ['another consultant: masked, logged', who('wang', 'consultant'), ['zhang'], undefined, false, true],
    ['a consultant, nobody’s customer: masked, logged', who('wang', 'consultant'), [], undefined, false, true],
    ['the front desk: masked, logged', who('desk', 'front_desk'), ['zhang'], undefined, false, true],
    ['a sales manager: in full, logged', who('boss', 'sales_manager'), ['zhang'], undefined, true, true],
    ['the project manager: in full, logged', who('pm', 'project_manager'), ['zhang'], undefined, true, true],
    ['the sales director: in full, logged', who('sd', 'sales_director'), ['zhang'], undefined, true, true],
    ['the assistant who keeps the archive: in full, logged', who('as', 'sales_assistant'), ['zhang'], undefined, true, true],
    ['the admin: in full, logged', who('ad', 'admin'), ['zhang'], undefined, true, true],
    [
      'a manager who owns the customer too: in full, unlogged',
      who('boss', 'sales_manager', 'consultant'),
      ['boss'],
      undefined,
      true,
      false,
    ],
    ['the number just typed: in full, unlogged', who('wang', 'consultant'), ['zhang'], '136-1111-0001', true, false],
    ['the number typed with a prefix: in full, unlogged', who('wang', 'consultant'), ['zhang'], '+86 13611110001', true, false],
    ['another number typed: masked, logged', who('wang', 'consultant'), ['zhang'], '13611110002', false, true],
  ])('%s', (_what, actor, owners, typed, fullNumber, logged) => {
    expect(customerReadAccess({ actor, owners, phone: PHONE, typed })).toEqual({ fullNumber, logged });
  });

  it('a customer without a number is not “typed”', () => {
    expect(customerReadAccess({ actor: who('wang', 'consultant'), owners: ['zhang'], phone: '', typed: '' })).toEqual({
      fullNumber: false,
      logged: true,
    });
  });
});

describe('deskLookupAccess: a number looked up at the desk is never shown in full; a consultant’s lookup of another’s customer is logged', () => {
  it.each<[string, ReturnType<typeof who>, boolean, string[], boolean]>([
    ['a consultant, another’s customer', who('wang', 'consultant'), true, ['zhang'], true],
    ['a consultant, a customer nobody owns now', who('wang', 'consultant'), true, [], true],
    ['a consultant, their own customer', who('zhang', 'consultant'), true, ['zhang'], false],
    ['a consultant, a co-owned customer', who('li', 'consultant'), true, ['zhang', 'li'], false],
    ['a consultant, an unknown number', who('wang', 'consultant'), false, [], false],
    ['the front desk, another’s customer', who('desk', 'front_desk'), true, ['zhang'], false],
    ['a sales manager', who('boss', 'sales_manager'), true, ['zhang'], false],
    ['the project manager', who('pm', 'project_manager'), true, ['zhang'], false],
    ['the assistant (no desk staff): logged', who('as', 'sales_assistant'), true, ['zhang'], true],
  ])('%s', (_what, actor, known, owners, logged) => {
    expect(deskLookupAccess({ actor, known, owners })).toEqual({ fullNumber: false, logged });
  });
});
