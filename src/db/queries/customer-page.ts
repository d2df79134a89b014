/** The reads of the customer page (src/services/customer-page.ts): every fact about these records up to a moment, no decisions. */
import type { ReassignmentReason } from '../../domain/reception-change';
import type { ReadTx } from '../read-tx';

/**
 * Everything recorded about the records `ids` up to `t` (ISO), each table in id order: visits and their events,
 * registrations and the PM's decisions on them, calls, announcements, links, referrals, company-client entries,
 * deals, and the disputes raised over the records or their deals with the disputes' steps.
 */
export async function customerPageFacts(tx: ReadTx, ids: readonly number[], t: string) {
  const list = [...ids];
  const visits = await tx.selectFrom('visits').selectAll().where('customer_id', 'in', list).where('at', '<=', t).orderBy('id').execute();
  const visitIds = visits.map((v) => v.id);
  const visitEvents = visitIds.length
    ? await tx.selectFrom('visit_events').selectAll().where('visit_id', 'in', visitIds).where('at', '<=', t).orderBy('id').execute()
    : [];
  const registrations = await tx
    .selectFrom('registrations')
    .selectAll()
    .where('customer_id', 'in', list)
    .where('created_at', '<=', t)
    .orderBy('id')
    .execute();
  const regIds = registrations.map((r) => r.id);
  const decisions = regIds.length
    ? await tx
        .selectFrom('registration_decisions')
        .selectAll()
        .where('registration_id', 'in', regIds)
        .where('at', '<=', t)
        .orderBy('id')
        .execute()
    : [];
  const calls = await tx
    .selectFrom('phone_inquiries')
    .selectAll()
    .where('customer_id', 'in', list)
    .where('at', '<=', t)
    .orderBy('id')
    .execute();
  const announcements = await tx
    .selectFrom('announcements')
    .selectAll()
    .where('customer_id', 'in', list)
    .where('at', '<=', t)
    .orderBy('id')
    .execute();
  const links = await tx
    .selectFrom('customer_links')
    .selectAll()
    .where((eb) => eb.or([eb('customer_id', 'in', list), eb('other_customer_id', 'in', list)]))
    .where('at', '<=', t)
    .orderBy('id')
    .execute();
  const referrals = await tx
    .selectFrom('referrals')
    .selectAll()
    .where('customer_id', 'in', list)
    .where('at', '<=', t)
    .orderBy('id')
    .execute();
  const companyClients = await tx
    .selectFrom('company_clients')
    .selectAll()
    .where('customer_id', 'in', list)
    .where('at', '<=', t)
    .orderBy('id')
    .execute();
  const deals = await tx.selectFrom('deals').selectAll().where('customer_id', 'in', list).where('at', '<=', t).orderBy('id').execute();
  const dealIds = deals.map((d) => d.id);
  const disputes = await tx
    .selectFrom('disputes')
    .select(['id', 'deal_id', 'customer_id', 'raised_by', 'at'])
    .where((eb) => (dealIds.length ? eb.or([eb('customer_id', 'in', list), eb('deal_id', 'in', dealIds)]) : eb('customer_id', 'in', list)))
    .where('at', '<=', t)
    .orderBy('id')
    .execute();
  const disputeIds = disputes.map((d) => d.id);
  const disputeSteps = disputeIds.length
    ? await tx
        .selectFrom('dispute_steps')
        .select(['dispute_id', 'type'])
        .where('dispute_id', 'in', disputeIds)
        .where('at', '<=', t)
        .orderBy('id')
        .execute()
    : [];
  return {
    visits,
    visitEvents,
    registrations,
    decisions,
    calls,
    announcements,
    links,
    referrals,
    companyClients,
    deals,
    disputes,
    disputeSteps,
  };
}

/** A customer record's page head: name, number, when it was made. */
export async function customerHead(tx: ReadTx, customerId: number) {
  return tx.selectFrom('customers').select(['id', 'name', 'phone', 'created_at']).where('id', '=', customerId).executeTakeFirst();
}

/** The one sentence a reassignment carried before its reason was stored as a code (rows are insert-only: never rewritten). */
const LEGACY_REFUSAL_REASSIGNED = 'R-ROS-10：客户拒绝原售楼员，按轮排改派，按新客处理';

/**
 * A reassignment's stored `reason` read back: the code with its facts as written now (src/db/writes/desk.ts),
 * the old sentence as the same code (who was refused was not stored then: `from` null), and any other text as
 * it is (shown as written).
 */
export function reassignmentReasonOf(stored: string | null): { code: 'refusal_reassigned'; from: string | null } | { text: string } {
  if (stored === null) return { text: '' };
  if (stored === LEGACY_REFUSAL_REASSIGNED) return { code: 'refusal_reassigned', from: null };
  if (stored.startsWith('{')) {
    try {
      const r = JSON.parse(stored) as Partial<ReassignmentReason>;
      if (r.code === 'refusal_reassigned') return { code: r.code, from: typeof r.params?.from === 'string' ? r.params.from : null };
    } catch {
      // not ours: the text as it is
    }
  }
  return { text: stored };
}
