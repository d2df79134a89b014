/**
 * Why a registration deserves the PM's eye before it is confirmed (R-OWN-3): a conflict with a protection in
 * force (R-OWN-5: the earlier registration wins) and possible old customers under another record (R-OWN-8).
 * Pure: the service gathers the person's standing at the registration's moment and the likely matches, and
 * sends these flags as facts; the renderer words them.
 */
import type { MatchWhy } from './likely-match';
import type { PersonNow } from './person';

export type RegistrationFlag =
  /** someone else protects the person: `since` their first registration of the run, `until` its end */
  | { kind: 'conflict'; rule: 'R-OWN-5'; ownerId: string; since: Date; until: Date }
  /** another record may be this person; `ownerId` protects it (null: nobody) */
  | { kind: 'possible_match'; rule: 'R-OWN-8'; customerId: number; name: string; phone: string; why: MatchWhy; ownerId: string | null };

export interface LikelyMatch {
  customerId: number;
  name: string;
  phone: string;
  why: MatchWhy;
  owner: string | null;
}

export interface FlagFacts {
  /** the customer record the registration is for */
  customerId: number;
  /** the consultant in whose name it is registered (after corrections) */
  consultant: string;
  /** the person's standing at the registration's moment, judged without this visit's own registrations */
  person: Pick<PersonNow, 'side' | 'protection'>;
  /** records the PM already linked to this one (identified, household): settled, not flagged again */
  linked: ReadonlySet<number>;
  /** likely matches of the registration's name and phone (src/domain/likely-match.ts), found at its moment */
  matches: readonly LikelyMatch[];
}

export function registrationFlags(f: FlagFacts): RegistrationFlag[] {
  const flags: RegistrationFlag[] = [];
  const p = f.person.protection;
  // The owner's own visit renews (R-OWN-2); a co-owner's (R-OWN-8i, 10) is theirs as well: neither conflicts.
  if (p && f.person.side.length && !f.person.side.some((s) => s.consultant === f.consultant)) {
    flags.push({ kind: 'conflict', rule: 'R-OWN-5', ownerId: p.owner, since: p.since, until: p.until });
  }
  for (const m of f.matches) {
    if (m.customerId === f.customerId || f.linked.has(m.customerId)) continue;
    flags.push({
      kind: 'possible_match',
      rule: 'R-OWN-8',
      customerId: m.customerId,
      name: m.name,
      phone: m.phone,
      why: m.why,
      ownerId: m.owner,
    });
  }
  return flags;
}
