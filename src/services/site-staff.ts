/**
 * One person at more than one site of an office group (issue 16 item 4, R-SEC-1): a colleague of another site is
 * added here with the same id, name and PIN (staff.addFromSite), and both accounts are linked to one person in
 * office_group.people / site_staff. From then on their PIN is one (src/services/staff.ts writes every credential
 * change at each account), their roles and their being active stay each site's. staff.otherSites lists whom the
 * form may offer. A single office's file is one site: it has nobody elsewhere and refuses the add.
 */
import { refuse } from '../api/errors';
import { eachSite, siteHere } from '../db/group-sites';
import { engineOf } from '../db/engine';
import { activeStaffNames, allStaffNames, credentialOf, staffRecord } from '../db/queries/staff';
import { linksOfPeopleHere, personOf } from '../db/queries/site-staff';
import { linkAccounts, lockLinks } from '../db/writes/site-staff';
import { insertStaffMember, setPinTries, storePinHash } from '../db/writes/staff';
import { adminGrantRefusal } from '../domain/roles';
import { addFromSiteRefusal } from '../domain/staff-rules';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';

type Link = { personId: string; code: string; staffId: string; here: boolean };

/** One account, a staff id at a site, as one set key. */
const accountKey = (code: string, staffId: string) => `${code}\u0000${staffId}`;

/**
 * The links of the people linked here (db/queries/site-staff linksOfPeopleHere) whose account at the other site is
 * still active: someone who left A is no longer "also at A". This site's own are all kept (the list shows who is
 * inactive here itself). One read of each other site concerned.
 */
export async function linksStillActive(tx: ReadTx): Promise<Link[]> {
  const links = await linksOfPeopleHere(tx);
  const there = new Set(links.filter((l) => !l.here).map((l) => l.code));
  if (there.size === 0) return links;
  const perSite = await eachSite(tx, async (site, t) =>
    there.has(site.code) ? (await activeStaffNames(t)).map((s) => accountKey(site.code, s.id)) : [],
  );
  const active = new Set(perSite.flatMap((r) => r.value));
  return links.filter((l) => l.here || active.has(accountKey(l.code, l.staffId)));
}

/** For each staff id here, the codes of the other sites its person is linked at. */
export function otherSitesOfEach(links: readonly Link[]) {
  const out = new Map<string, string[]>();
  for (const mine of links.filter((l) => l.here))
    out.set(
      mine.staffId,
      links.filter((l) => l.personId === mine.personId && !l.here).map((l) => l.code),
    );
  return out;
}

export const siteStaffHandlers = {
  'staff.addFromSite': handle('staff.addFromSite', {
    run: async ({ tx, actor, input, now }) => {
      const group = engineOf(tx) === 'postgres';
      if (group) await lockLinks(tx);
      const here = group ? await siteHere(tx) : null;
      const found = here
        ? await eachSite(tx, async (_s, t) => ({ row: await staffRecord(t, input.id), cred: await credentialOf(t, input.id) }), input.site)
        : [];
      const source = found[0]?.value ?? null;
      const samePlace = here?.code === input.site;
      const mine = group && !samePlace ? await staffRecord(tx, input.id) : undefined;
      const person = here && source?.row ? await personOf(tx, input.site, input.id) : null;
      const refusal = addFromSiteRefusal(
        {
          group: !!here,
          site: samePlace ? 'here' : found.length ? 'other' : 'unknown',
          source: source?.row ? { active: !!source.row.active } : null,
          here: mine ? { samePerson: !!person && person === (await personOf(tx, here!.code, input.id)) } : null,
        },
        adminGrantRefusal(actor!.roles, input.roles, null),
      );
      if (refusal) throw refuse(refusal, { code: input.site, site: input.site, staffId: input.id });
      const row = source!.row!;
      await insertStaffMember(tx, { id: row.id, name: row.name, roles: input.roles }, now);
      const cred = source!.cred;
      if (cred) {
        // the same PIN, and the same count of wrong tries and lock: one person, one credential state
        await storePinHash(tx, row.id, { hash: cred.pin_hash, salt: cred.salt }, now);
        if (cred.failed_attempts || cred.locked_until)
          await setPinTries(tx, row.id, cred.failed_attempts, cred.locked_until ? new Date(cred.locked_until) : null);
      }
      await linkAccounts(
        tx,
        { id: person ?? `${input.site}:${row.id}`, name: row.name },
        [
          { code: input.site, staffId: row.id },
          { code: here!.code, staffId: row.id },
        ],
        now,
      );
      return { id: row.id, name: row.name, roles: input.roles, from: input.site, pinCopied: !!cred };
    },
  }),

  'staff.otherSites': handle('staff.otherSites', {
    run: async ({ tx }) => {
      const here = await siteHere(tx);
      if (!here) return [];
      const linked = new Set((await linksOfPeopleHere(tx)).map((l) => accountKey(l.code, l.staffId)));
      const takenHere = new Set((await allStaffNames(tx)).map((s) => s.id));
      const sites = await eachSite(tx, async (site, t) => (site.code === here.code ? [] : await activeStaffNames(t)));
      return sites.flatMap(({ site, value }) =>
        value
          .filter((s) => !linked.has(accountKey(site.code, s.id)))
          .map((s) => ({ site, id: s.id, name: s.name, idTaken: takenHere.has(s.id) })),
      );
    },
  }),
};
