/** Migration 0008: "was any of this customer's visits handed over?" (R-OWN-13, 14) answered from the index, not one event page per visit. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, planOf, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

// the shape of the handover question the desk and the split ask (src/services/history.ts)
const HANDOVER = `SELECT visit_events.id, visits.customer_id, visit_events.payload FROM visit_events JOIN visits ON visits.id = visit_events.visit_id
  WHERE visits.customer_id IN (?) AND visit_events.type = 'handover' AND visit_events.at <= '2026-12-31' ORDER BY visit_events.id`;

describe('migration 0008: handover index', () => {
  it('events recorded before are found by (visit_id, type) through the (visit_id, type) index', async () => {
    d = await databaseAt(7);
    d.raw.exec(`${SEED_STAFF}
      INSERT INTO customers (name, phone, phone_key, created_at, created_by, name_key, name_initials) VALUES ('周杰', '13800000001', '13800000001', '2026-03-02T10:00:00.000+08:00', 'qian', 'zhoujie', 'zj');
      INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) VALUES (1, '2026-03-02T10:00:00.000+08:00', 'zhang', 'roster', 'walk_in', 'zhang', 'qian'), (1, '2026-03-09T10:00:00.000+08:00', 'zhang', 'roster', 'walk_in', 'zhang', 'qian');
      INSERT INTO visit_events (visit_id, at, type, payload, actor_id) VALUES (1, '2026-03-02T11:00:00.000+08:00', 'finish', '{}', 'zhang'), (2, '2026-03-09T10:30:00.000+08:00', 'handover', '{"to":"dir"}', 'zhang'), (2, '2026-03-09T11:00:00.000+08:00', 'finish', '{}', 'dir');
    `);
    expect(planOf(d.raw, HANDOVER)).toContain('visit_events_visit (visit_id=?)');
    await d.to(8);
    expect(planOf(d.raw, HANDOVER)).toContain('INDEX visit_events_visit_type (visit_id=? AND type=?)');
    expect(d.raw.prepare(HANDOVER).all(1)).toEqual([{ id: 2, customer_id: 1, payload: '{"to":"dir"}' }]);
  });
});
