import { addDays, format } from 'date-fns';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fillDemo } from '../../src/cli/demo';
import { ManualClock } from '../../src/domain/clock';
import type { DealSplit } from '../../src/services/deals';
import { openScratchApp } from '../support/engine';
import { row, value } from '../support/sql';

describe('salesdesk demo', () => {
  it('fills a week of a realistic office through the API, every reception registered and judged by the rules', async () => {
    const first = new Date('2026-03-02T08:00:00');
    const clock = new ManualClock(first);
    const app = await openScratchApp({ clock });
    try {
      const { visits, deals } = await fillDemo(app, clock, first, 7);
      const count = (query: ReturnType<typeof sql<{ n: number }>>) => value<number>(app, query);
      expect(visits).toBeGreaterThan(50);
      expect(await row(app, sql`SELECT count(*) AS n FROM visits`)).toEqual({ n: visits });
      expect(await row(app, sql`SELECT count(*) AS n FROM rosters`)).toEqual({ n: 7 });
      expect(await count(sql`SELECT count(*) AS n FROM registrations`)).toBeGreaterThanOrEqual(visits);
      expect(await count(sql`SELECT count(DISTINCT reception) AS n FROM visits`)).toBeGreaterThanOrEqual(2);
      expect(await count(sql`SELECT count(*) AS n FROM deals`)).toBe(deals);
      // every visit of the week is decided by the PM
      expect(
        await row(
          app,
          sql`SELECT count(*) AS n FROM registrations r WHERE NOT EXISTS (SELECT 1 FROM registration_decisions d WHERE d.registration_id = r.id)`,
        ),
      ).toEqual({ n: 0 });
      const st = (await app.dispatch({ staffId: 'dir' }, 'statement.month', { month: '2026-03' })).result as any;
      expect(st.ok).toBe(true);
      expect(st.value.deals.length + st.value.held.length + st.value.unresolved.length).toBe(deals);
    } finally {
      await app.close();
    }
  });

  it('the month shows every rule of the statement at work: 50/50, 70/30, referral and company shares, a household, disputes, referrals, graded follow-ups', async () => {
    const first = new Date('2026-03-02T08:00:00');
    const days = 30;
    const clock = new ManualClock(first);
    const app = await openScratchApp({ clock });
    try {
      const { deals } = await fillDemo(app, clock, first, days);
      // the demo's today: the morning after its month
      const today = addDays(first, days);
      clock.set(new Date(today.getFullYear(), today.getMonth(), today.getDate(), 9, 0));
      const todayText = format(today, 'yyyy-MM-dd');
      const ask = async (as: string, method: string, input: unknown) => {
        const r = (await app.dispatch({ staffId: as }, method, input)).result;
        if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
        return r.value as any;
      };

      const months = [...new Set(Array.from({ length: days }, (_, d) => format(addDays(first, d), 'yyyy-MM')))];
      const statements = await Promise.all(months.map((month) => ask('dir', 'statement.month', { month })));
      const payable: DealSplit[] = statements.flatMap((s) => s.deals);
      const held: DealSplit[] = statements.flatMap((s) => s.held);
      expect(payable.length + held.length + statements.flatMap((s) => s.unresolved).length).toBe(deals);
      /** the payable deals whose every line cites `rule`, as (kind, bps) pairs in the statement's order */
      const shapes = (rule: string) =>
        payable
          .filter((d) => d.lines.length > 0 && d.lines.every((l) => l.cites.some((c) => c.rule === rule)))
          .map((d) => d.lines.map((l) => `${l.kind} ${l.bps}`));

      // R-OWN-8i: identified within a month of B's reception: A and B half each
      expect(shapes('R-OWN-8i')).toContainEqual(['consultant 5000', 'consultant 5000']);
      // R-OWN-10: a couple found before the deal: both consultants, half each
      expect(shapes('R-OWN-10')).toContainEqual(['consultant 5000', 'consultant 5000']);
      // R-OWN-13: the manager let the named consultant take over: the first 70%, the named 30%
      expect(shapes('R-OWN-13')).toContainEqual(['consultant 7000', 'consultant 3000']);
      // R-REF-5: a valid referral: the consultant 70%, the referrer 30%
      expect(shapes('R-REF-5')).toContainEqual(['consultant 7000', 'referrer 3000']);
      expect(payable.some((d) => d.lines.some((l) => l.kind === 'referrer' && l.beneficiary === 'sun'))).toBe(true);
      // R-CO-3, 4, 5: the company's clients with the public pool
      expect(shapes('R-CO-3')).toContainEqual(['consultant 7000', 'pool 3000']);
      expect(shapes('R-CO-4')).toContainEqual(['consultant 3000', 'pool 7000']);
      expect(shapes('R-CO-5')).toContainEqual(['pool 10000']);
      // split between two different people, not one person twice
      for (const rule of ['R-OWN-8i', 'R-OWN-10', 'R-OWN-13']) {
        const split = payable.find(
          (d) => d.lines.length === 2 && d.lines.every((l) => l.kind === 'consultant' && l.cites.some((c) => c.rule === rule)),
        )!;
        expect(new Set(split.lines.map((l) => l.beneficiary)).size, rule).toBe(2);
      }

      // R-DIS-1, 2: one dispute still open, its deal held out of the statement; one decided by the director,
      // returned once on the way, its deal paid as approved
      const disputes = (await ask('dir', 'dispute.list', {})) as { id: number; deal_id: number | null; status: string; steps: number }[];
      const open = disputes.filter((x) => x.status === 'open');
      const decided = disputes.filter((x) => x.status === 'decided');
      expect(open.length).toBeGreaterThanOrEqual(1);
      expect(decided.length).toBeGreaterThanOrEqual(1);
      expect(held.map((d) => d.dealId)).toContain(open[0]!.deal_id);
      const decidedDeal = payable.find((d) => d.dealId === decided[0]!.deal_id)!;
      expect(decidedDeal.decided).toBe(true);
      expect(decidedDeal.lines.every((l) => l.cites.some((c) => c.rule === 'R-DIS-2'))).toBe(true);
      const steps = (await ask('dir', 'dispute.get', { dispute: decided[0]!.id })).steps.map((s: { type: string }) => s.type);
      expect(steps).toEqual(['raise', 'opinion', 'return', 'opinion', 'approve']);

      // R-REF-2, 3: one referral valid (confirmed on its day), one lapsed (the customer never came)
      const referrals = (await ask('pm', 'referral.list', {})) as { status: string }[];
      expect(referrals.map((r) => r.status)).toEqual(expect.arrayContaining(['valid', 'lapsed']));

      // R-TRK-1, 2: graded follow-ups by several consultants, some due today, some overdue
      const overview = (await ask('mgr', 'followUp.overview', {})) as {
        consultant: string;
        grade: string | null;
        nextDay: string | null;
        due: boolean;
        overdue: boolean;
      }[];
      const graded = overview.filter((r) => r.grade);
      expect(new Set(graded.map((r) => r.consultant)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(graded.map((r) => r.grade)).size).toBeGreaterThanOrEqual(3);
      const dueToday = overview.filter((r) => r.nextDay === todayText);
      expect(dueToday.length).toBeGreaterThan(0);
      expect(overview.filter((r) => r.overdue).length).toBeGreaterThan(0);
      // the consultant sees what is due today on their own "today"
      const mine = await ask(dueToday[0]!.consultant, 'followUp.today', {});
      expect(mine.due.some((r: { nextDay: string }) => r.nextDay === todayText)).toBe(true);
    } finally {
      await app.close();
    }
    // A bound for a hang, not a speed limit: a month of an office through the API is a few seconds alone, many
    // times that on a busy machine, and on PostgreSQL every call is round trips to the server (more than 120 s at
    // load 19 on 2 cores, 3 Dec).
  }, 600_000);
});
