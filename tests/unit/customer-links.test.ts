/** Linking records and announcing a friend (src/domain/customer-links.ts; R-OWN-8, 9, 10): facts in → refusal or null, by hand. */
import { describe, expect, it } from 'vitest';
import { announceRefusal, linkRefusal } from '../../src/domain/customer-links';

describe('linkRefusal', () => {
  it.each([
    ['identified: two records', 'identified', 1, 2, false, false, null],
    ['identified: the same record', 'identified', 1, 1, false, false, 'identify_same_record'],
    ['identified: linked already', 'identified', 1, 2, true, true, 'customers_already_linked'],
    ['identified: one person through a third record', 'identified', 1, 2, false, true, 'customers_already_one_person'],
    ['household: two records', 'household', 1, 2, false, false, null],
    ['household: the same record', 'household', 3, 3, false, false, 'household_same_customer'],
    ['household: linked already', 'household', 1, 2, true, false, 'customers_already_linked'],
    ['household: the spouse is another person, however linked through others', 'household', 1, 2, false, true, null],
  ] as const)('%s', (_what, kind, a, b, linked, onePerson, reason) => {
    const got = linkRefusal({ kind, a, b, linked, onePerson });
    expect(got?.reason ?? null).toBe(reason);
    if (got) expect(got.rule).toBe(kind === 'identified' ? 'R-OWN-8' : 'R-OWN-10');
    if (reason === 'customers_already_linked') expect(got?.params).toEqual({ customerId: a, otherCustomerId: b });
  });
});

describe('announceRefusal (R-OWN-9a): only an owner of the customer now announces their friend', () => {
  it.each([
    ['the owner', 'zhang', [{ consultant: 'zhang' }], null],
    ['a co-owner', 'li', [{ consultant: 'zhang' }, { consultant: 'li' }], null],
    ['another consultant', 'wang', [{ consultant: 'zhang' }], 'announce_not_own_customer'],
    ['nobody owns the customer', 'zhang', [], 'announce_not_own_customer'],
  ] as const)('%s', (_what, actor, owners, reason) => {
    const got = announceRefusal(actor, 7, owners);
    expect(got).toEqual(reason ? { reason, params: { customerId: 7 }, rule: 'R-OWN-9' } : null);
  });
});
