/**
 * The weekly report's figures (R-TRK-3): per consultant their phone inquiries (calls), receptions (visits) and
 * deals — a shared deal counts for each consultant with a line in its split — and in total each call, visit and
 * deal once. Pure: the service gathers the week's rows and each deal's consultants.
 */
export function weeklyCounts(
  consultants: readonly { id: string; name: string }[],
  calls: readonly { consultant_id: string | null }[],
  visits: readonly { consultant_id: string | null }[],
  deals: readonly { consultants: readonly string[] }[],
): {
  perConsultant: { id: string; name: string; calls: number; visits: number; deals: number }[];
  totals: { calls: number; visits: number; deals: number };
} {
  return {
    perConsultant: consultants.map((c) => ({
      id: c.id,
      name: c.name,
      calls: calls.filter((x) => x.consultant_id === c.id).length,
      visits: visits.filter((x) => x.consultant_id === c.id).length,
      deals: deals.filter((x) => x.consultants.includes(c.id)).length,
    })),
    totals: { calls: calls.length, visits: visits.length, deals: deals.length },
  };
}
