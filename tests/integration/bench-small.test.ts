/**
 * `npm run bench` at a tiny scale, so the benchmark never rots: it generates an office of a few thousand
 * customers, measures every operation, and every answer the app gives must equal the raw statements'
 * answer. The timings themselves are not judged here (a shared CI machine), only that they exist.
 */
import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench, type BenchResults } from '../../bench/suite';
import { plan } from '../../bench/synthetic';
import { verifyLedger } from '../../src/db/ledger';
import { openDatabase } from '../../src/db/open';

const SCALE = 0.003;
let result: BenchResults | null = null;
afterAll(() => {
  if (result) rmSync(dirname(result.database.path), { recursive: true, force: true });
});

describe('benchmark (tiny scale)', () => {
  it('generates an office, measures every operation, and the app answers as the raw statements do', async () => {
    result = await runBench({
      scale: SCALE,
      keep: true,
      reps: { lookup: 40, unknown: 20, web: 20, walkIn: 20, confirm: 5, statement: 1, rosterAt: 20 },
    });
    const r = result;
    expect(r.mismatches).toEqual([]);
    expect(r.rows.map((x) => x.key)).toEqual([
      'open',
      'lookup',
      'lookupPhone',
      'lookupUnknown',
      'web',
      'rosterAt',
      'statement',
      'walkIn',
      'finish',
      'commit',
      'confirmTotal',
      'confirm',
    ]);
    for (const x of r.rows) {
      expect(x.mismatches, x.label).toBe(0);
      expect(x.service.n, x.label).toBeGreaterThan(0);
      expect(x.service.p50, x.label).toBeGreaterThan(0);
      expect(x.service.p99, x.label).toBeGreaterThanOrEqual(x.service.p50);
      if (x.key !== 'open' && x.key !== 'commit') {
        expect(x.checked, x.label).toBeGreaterThan(0);
        expect(x.raw!.p50, x.label).toBeGreaterThan(0);
      }
    }
    const detail = Object.fromEntries(r.rows.map((x) => [x.key, x.detail ?? {}]));
    // The data is alive: owned customers at the desk, likely matches for common names, returning walk-ins
    // sent to their owner, and the statement month's deals all payable (each follows a registered visit).
    expect(detail.lookup!.owned).toBeGreaterThan(0);
    expect(detail.lookupUnknown!.withMatches).toBeGreaterThan(0);
    expect(detail.walkIn!.returning).toBeGreaterThan(0);
    expect(detail.walkIn!.toOwner).toBeGreaterThan(0);
    expect(detail.statement).toEqual({ deals: plan(SCALE).statementDeals, payable: plan(SCALE).statementDeals, unresolved: 0, held: 0 });
    expect(r.generation.counts.customers).toBe(plan(SCALE).customers);
    expect(r.generation.counts.visits).toBe(plan(SCALE).visits);
    expect(r.memory.peakRssMB).toBeGreaterThan(0);
    expect(r.database.bytes).toBeGreaterThan(0);
    // a bound for a hang, not a speed limit: generating and measuring took over 30 s on a loaded 2-core machine
  }, 480_000);

  it('the generated file keeps the schema: the ledger chain verifies (with the app’s own writes on top) and every foreign key holds', () => {
    expect(result).not.toBeNull();
    const h = openDatabase(result!.database.path);
    try {
      const ledger = verifyLedger(h.raw);
      expect(ledger.problems).toEqual([]);
      expect(ledger.rows).toBeGreaterThan(result!.generation.counts.visits! * 3);
      expect(h.raw.pragma('foreign_key_check')).toEqual([]);
    } finally {
      h.raw.close();
    }
  }, 240_000);
});
