/** A month's statement from its splits (src/domain/statement.ts, R-COM-5): held apart, unresolved apart, the rest added per person. */
import { expect, it } from 'vitest';
import { statementOf } from '../../src/domain/statement';

const split = (id: number, lines: [string, number][], held = false, problem: string | null = null) => ({
  id,
  held,
  problem,
  lines: lines.map(([beneficiary, amount]) => ({ beneficiary, amount })),
});

it.each([
  ['nothing', [], {}, [], [], []],
  [
    'one payable deal',
    [
      split(1, [
        ['zhang', 700],
        ['li', 300],
      ]),
    ],
    { zhang: 700, li: 300 },
    [1],
    [],
    [],
  ],
  [
    'two deals add up per person, the pool too',
    [
      split(1, [
        ['zhang', 700],
        ['li', 301],
      ]),
      split(2, [
        ['zhang', 1],
        ['pool', 99],
      ]),
    ],
    { zhang: 701, li: 301, pool: 99 },
    [1, 2],
    [],
    [],
  ],
  ['a held deal counts for nobody', [split(1, [['zhang', 500]]), split(2, [['li', 900]], true)], { zhang: 500 }, [1], [2], []],
  ['a held deal with a problem is held', [split(3, [], true, 'no_owner')], {}, [], [3], []],
  ['a deal with no split is unresolved', [split(4, [], false, 'no_owner'), split(5, [['li', 1]])], { li: 1 }, [5], [], [4]],
] as const)('%s', (_what, splits, totals, payable, held, unresolved) => {
  const got = statementOf(splits);
  expect(got.totals).toEqual(totals);
  expect([got.payable.map((s) => s.id), got.held.map((s) => s.id), got.unresolved.map((s) => s.id)]).toEqual([payable, held, unresolved]);
});
