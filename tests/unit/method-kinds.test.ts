/**
 * Method kinds as types (issue 15 item 4). The first half is checked by the typecheck, not by vitest: each
 * `@ts-expect-error` must meet an error, so if a read's tx ever offered a write builder again, `npm run
 * typecheck` would fail on the directive left unused. The run-time half checks what the types cannot.
 */
import { describe, expect, it } from 'vitest';
import { spec } from '../../src/api/spec';
import type { CallOf } from '../../src/services/handle';
import { handlers } from '../../src/services/handlers';

export function aReadCannotWrite(call: CallOf<'policy.get'>) {
  // @ts-expect-error a read's tx has no insertInto
  void call.tx.insertInto;
  // @ts-expect-error nor updateTable
  void call.tx.updateTable;
  // @ts-expect-error nor deleteFrom
  void call.tx.deleteFrom;
  // @ts-expect-error nor a CTE's `with`, whose query creator offers insertInto
  void call.tx.with;
  // @ts-expect-error nor a whole Kysely through `transaction`
  void call.tx.transaction;
  return call.tx.selectFrom('staff');
}

export const aWriteWrites = (call: CallOf<'policy.update'>) => call.tx.insertInto('policy_versions');
// customer.get leaves an audit row when it opens someone else's customer: an auditedRead, given a write transaction
export const anAuditedReadWritesItsAudit = (call: CallOf<'customer.get'>) => call.tx.insertInto('audit_log');
export const aCallKnowsItsKind = (call: CallOf<'policy.get'>): 'read' => call.kind;

describe('method kinds', () => {
  it('customer.get, which writes an audit row, is an auditedRead', () => {
    expect(spec['customer.get'].kind).toBe('auditedRead');
  });

  it('every handler was built for the method it is filed under', () => {
    for (const [name, h] of Object.entries(handlers)) expect(h.method).toBe(name);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(spec).sort());
  });
});
