/**
 * A single office's file is one site (issue 16 item 4): nobody comes from another site. staff.addFromSite is refused
 * as site_needs_group and changes nothing; staff.otherSites offers nobody; staff.list says nobody is elsewhere.
 * The office group's side: tests/postgres/staff-sites.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';
import { onPostgres } from '../support/engine';
import { rowCounts } from '../support/row-counts';

let t: TestApp;
describe.skipIf(onPostgres())('one office (SQLite): one site, nobody from another', () => {
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses the add as invalid_state, offers nobody, and lists nobody as elsewhere', async () => {
    const before = await rowCounts(t.app);
    const r = await t.as('dir', 'staff.addFromSite', { site: 'b', id: 'li', roles: ['consultant'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state', reason: 'site_needs_group' } });
    expect(await rowCounts(t.app)).toEqual(before);
    expect(await t.ok('dir', 'staff.otherSites')).toEqual([]);
    expect((await t.ok('dir', 'staff.list')).every((s) => s.alsoAt.length === 0)).toBe(true);
    // a consultant may not ask at all
    expect(await t.as('zhang', 'staff.addFromSite', { site: 'b', id: 'li', roles: ['consultant'] })).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
  });
});
