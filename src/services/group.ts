/**
 * The office group's reads (issue 16 item 4): every site's statements, disputes and dashboards with the group's
 * totals. Each method reads every site through src/db/group-sites eachSite — the same facts the site's own
 * statement, dispute list and dashboard come from, within this one read transaction — and the totals come from
 * src/domain/group. A single office is one site. Read-only: nothing here writes, like the site's own reads.
 */
import { refuse } from '../api/errors';
import { eachSite, type SiteRef } from '../db/group-sites';
import { disputeRows } from '../db/queries/lists';
import { dealCommissionsBetween, visitsBetween } from '../db/queries/reports';
import type { ReadTx } from '../db/read-tx';
import { dashboardFigures, disputeFigures, groupTotals, NO_DASHBOARD, NO_DISPUTES, NO_STATEMENT, statementFigures } from '../domain/group';
import { GROUP_ROLES } from '../domain/roles';
import { monthRange } from '../domain/time';
import { staffNames } from './common';
import { type Actor, hasRole } from './context';
import { statementFor } from './deals';
import { disputeState } from './disputes';
import { handle } from './handle';

/** Checked in each method's body as well as by dispatch: these read every site, so nobody else may reach them. */
function requireGroupRole(actor: Actor | null): void {
  if (!hasRole(actor, GROUP_ROLES)) throw refuse('role_required', { roles: GROUP_ROLES.join(',') });
}

/** Every site, or the one a drill-down names (refused when the group has no such site). */
async function sitesRead<T>(tx: ReadTx, fn: (site: SiteRef, tx: ReadTx) => Promise<T>, only: string | undefined) {
  const read = await eachSite(tx, fn, only);
  if (only !== undefined && read.length === 0) throw refuse('site_not_found', { site: only });
  return read;
}

/** A site's disputes as its own list gives them to a director: each with where it stands. */
async function siteDisputes(tx: ReadTx, now: Date) {
  const rows = await disputeRows(tx);
  const names = await staffNames(tx, [...new Set(rows.map((r) => r.raised_by))]);
  const out = [];
  for (const r of rows) {
    const s = await disputeState(tx, r.id, now);
    out.push({ ...r, raisedByName: names[r.raised_by] ?? null, status: s.status, steps: s.steps.length });
  }
  return out;
}

export const groupHandlers = {
  'group.statements': handle('group.statements', {
    run: async ({ tx, actor, input, now }) => {
      requireGroupRole(actor);
      const read = await sitesRead(tx, (_site, siteTx) => statementFor(siteTx, input.month, now), input.site);
      const sites = read.map(({ site, value }) => ({
        site,
        figures: statementFigures(value),
        // the drill-down: that site's statement as its own screen shows it, read-only
        ...(input.site !== undefined ? { statement: value } : {}),
      }));
      return {
        month: input.month,
        sites,
        totals: groupTotals(
          sites.map((s) => s.figures),
          NO_STATEMENT,
        ),
      };
    },
  }),

  'group.disputes': handle('group.disputes', {
    run: async ({ tx, actor, input, now }) => {
      requireGroupRole(actor);
      const read = await sitesRead(tx, (_site, siteTx) => siteDisputes(siteTx, now), input.site);
      const sites = read.map(({ site, value }) => ({
        site,
        figures: disputeFigures(value.map((d) => d.status)),
        ...(input.site !== undefined ? { disputes: value } : {}),
      }));
      return {
        sites,
        totals: groupTotals(
          sites.map((s) => s.figures),
          NO_DISPUTES,
        ),
      };
    },
  }),

  'group.dashboard': handle('group.dashboard', {
    run: async ({ tx, actor, input }) => {
      requireGroupRole(actor);
      const { start, end } = monthRange(input.month);
      const read = await sitesRead(
        tx,
        async (_site, siteTx) =>
          dashboardFigures(await visitsBetween(siteTx, start, end), await dealCommissionsBetween(siteTx, start, end)),
        undefined,
      );
      const sites = read.map(({ site, value }) => ({ site, figures: value }));
      return {
        month: input.month,
        sites,
        totals: groupTotals(
          sites.map((s) => s.figures),
          NO_DASHBOARD,
        ),
      };
    },
  }),
};
