/**
 * Read-only views of the current state for the scenario replayer's `expect` checks (and, later, reports).
 * Not API methods: they answer "what is true now" without an acting person.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { policyAt } from './common';
import { ownersAt } from './history';
import { currentRegistration } from './registrations';
import { rosterView, type RosterView } from './roster';
import { todaysRoster } from './roster-store';

type Tx = Kysely<Database>;

export async function observeRoster(tx: Tx, now: Date): Promise<RosterView | null> {
  const roster = await todaysRoster(tx, now);
  return roster ? rosterView(tx, roster, await policyAt(tx, now)) : null;
}

/** Effective owners now, as consultant ids (commission beneficiaries on the consultant side). */
export async function observeOwners(tx: Tx, customerId: number, now: Date): Promise<string[]> {
  return (await ownersAt(tx, customerId, now, await policyAt(tx, now))).map((s) => s.consultant);
}

export async function observeRegistration(tx: Tx, visitId: number, now: Date): Promise<string> {
  // scenario-format: a visit whose registration the PM corrected reads `corrected` (R-OWN-4)
  const r = await currentRegistration(tx, visitId, now);
  return r.corrected ? 'corrected' : r.latest.status;
}
