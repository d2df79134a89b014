/** Gathers a customer's registrations as facts for the pure ownership rules (src/domain/ownership). */
import type { ReadTx } from '../db/read-tx';
import { registrationRecords } from '../db/queries/ownership';
import { type RegistrationFact, registrationFactsOf } from '../domain/ownership';
import { policiesOverTime } from './common';

/**
 * Registrations of these customers written up to `t`, each with its status and introduction as known at `t`
 * (decided by `registrationFactsOf`), and the protection period of the policy in force when it was made.
 */
export async function registrationFacts(tx: ReadTx, customerIds: readonly number[], t: Date): Promise<RegistrationFact[]> {
  const records = await registrationRecords(tx, customerIds, t);
  if (records.length === 0) return [];
  const policyAt = await policiesOverTime(tx);
  return registrationFactsOf(records, (at) => policyAt(at).protectionMonths);
}
