/**
 * A month's commission statement from its deals' splits (R-COM-5): a deal held by an open dispute (R-DIS-1) stays
 * out and is listed apart, a deal whose split could not be computed is listed as unresolved, and every other
 * deal is payable, its lines added up per beneficiary (integer cents, R-COM-1). Pure: the service computes the
 * splits (src/domain/commission.ts) and asks.
 */
export interface StatementSplit {
  held: boolean;
  problem: unknown;
  lines: readonly { beneficiary: string; amount: number }[];
}

export function statementOf<S extends StatementSplit>(
  splits: readonly S[],
): { totals: Record<string, number>; payable: S[]; held: S[]; unresolved: S[] } {
  const totals: Record<string, number> = {};
  const payable: S[] = [];
  const held: S[] = [];
  const unresolved: S[] = [];
  for (const split of splits) {
    if (split.held) held.push(split);
    else if (split.problem) unresolved.push(split);
    else {
      payable.push(split);
      for (const l of split.lines) totals[l.beneficiary] = (totals[l.beneficiary] ?? 0) + l.amount;
    }
  }
  return { totals, payable, held, unresolved };
}
