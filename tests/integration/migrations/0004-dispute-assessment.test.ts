/** Migration 0004: the PM's written opinion records each party's fault and contribution (R-DIS-2) beside the split. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

describe('migration 0004: dispute assessment', () => {
  it('earlier steps keep their text and split with no assessment; a new opinion stores one; steps stay insert-only', async () => {
    d = await databaseAt(3);
    d.raw.exec(`${SEED_STAFF}
      INSERT INTO disputes (deal_id, customer_id, claim, raised_by, at) VALUES (NULL, NULL, '首次接待是我', 'zhang', '2026-03-08T10:00:00.000+08:00');
      INSERT INTO dispute_steps (dispute_id, type, split, text, at, actor_id) VALUES (1, 'opinion', '{"zhang":6000,"li":4000}', '各半偏张', '2026-03-09T10:00:00.000+08:00', 'dir');
    `);
    await d.to(4);
    d.raw
      .prepare(
        "INSERT INTO dispute_steps (dispute_id, type, split, text, at, actor_id, assessment) VALUES (1, 'opinion', NULL, '改判', '2026-03-10T10:00:00.000+08:00', 'dir', ?)",
      )
      .run(JSON.stringify({ zhang: { fault: 'none', contribution: 'first visit' } }));
    expect(d.raw.prepare('SELECT id, split, text, assessment FROM dispute_steps ORDER BY id').all()).toEqual([
      { id: 1, split: '{"zhang":6000,"li":4000}', text: '各半偏张', assessment: null },
      { id: 2, split: null, text: '改判', assessment: '{"zhang":{"fault":"none","contribution":"first visit"}}' },
    ]);
    expect(() => d.raw.exec("UPDATE dispute_steps SET assessment = '{}' WHERE id = 1")).toThrow(/insert-only/);
  });
});
