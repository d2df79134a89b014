/** The reads of follow-up (src/services/follow-up.ts): plain facts, no decisions. */
import type { ReadTx } from '../read-tx';

/** Every follow-up of these customers, oldest first. */
export async function followUpsOf(tx: ReadTx, customerIds: readonly number[]) {
  return customerIds.length
    ? tx
        .selectFrom('follow_ups')
        .selectAll()
        .where('customer_id', 'in', [...customerIds])
        .orderBy('id')
        .execute()
    : [];
}

/** One customer's follow-ups, newest first. */
export async function followUpsOfCustomer(tx: ReadTx, customerId: number) {
  return tx.selectFrom('follow_ups').selectAll().where('customer_id', '=', customerId).orderBy('id', 'desc').execute();
}

/** The newest 20 notes managers left for a consultant, with who wrote them and the customer's name. */
export async function managerNotesFor(tx: ReadTx, consultant: string) {
  return tx
    .selectFrom('manager_notes')
    .innerJoin('staff', 'staff.id', 'manager_notes.actor_id')
    .leftJoin('customers', 'customers.id', 'manager_notes.customer_id')
    .select([
      'manager_notes.id',
      'manager_notes.customer_id',
      'customers.name as customerName',
      'manager_notes.text',
      'manager_notes.at',
      'staff.name as fromName',
    ])
    .where('manager_notes.consultant_id', '=', consultant)
    .orderBy('manager_notes.id', 'desc')
    .limit(20)
    .execute();
}

/** The grades' names, and who last named each (null: as the database was created). */
export async function gradeLabels(tx: ReadTx) {
  return tx.selectFrom('grade_labels').select(['grade', 'label', 'updated_by']).orderBy('grade').execute();
}
