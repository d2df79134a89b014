/**
 * Linking customer records (R-OWN-8: identified as one person; R-OWN-10: a married couple) and announcing a
 * friend (R-OWN-9a). Pure: the service gathers whether the two records are linked already and whether they are
 * one person already, asks, and writes the link; what a link then decides is src/domain/person.ts's.
 */

export interface LinkRefusal<R extends string> {
  reason: R;
  params?: Readonly<Record<string, string | number>>;
  rule: 'R-OWN-8' | 'R-OWN-9' | 'R-OWN-10';
}

/**
 * A link between records `a` and `b`: two records, not linked already; an identification (R-OWN-8) also not
 * between records already one person through others (A = B, B = C: a second link decides nothing new).
 */
export function linkRefusal(facts: {
  kind: 'identified' | 'household';
  a: number;
  b: number;
  linked: boolean;
  onePerson: boolean;
}): LinkRefusal<'identify_same_record' | 'household_same_customer' | 'customers_already_linked' | 'customers_already_one_person'> | null {
  const rule = facts.kind === 'identified' ? 'R-OWN-8' : 'R-OWN-10';
  if (facts.a === facts.b) return { reason: facts.kind === 'identified' ? 'identify_same_record' : 'household_same_customer', rule };
  const params = { customerId: facts.a, otherCustomerId: facts.b };
  if (facts.linked) return { reason: 'customers_already_linked', params, rule };
  if (facts.kind === 'identified' && facts.onePerson) return { reason: 'customers_already_one_person', params, rule };
  return null;
}

/** R-OWN-9a: a consultant announces a friend of their own customer only: one they own now (any share). */
export function announceRefusal(
  actorId: string,
  from: number,
  owners: readonly { consultant: string }[],
): LinkRefusal<'announce_not_own_customer'> | null {
  return owners.some((o) => o.consultant === actorId)
    ? null
    : { reason: 'announce_not_own_customer', params: { customerId: from }, rule: 'R-OWN-9' };
}
