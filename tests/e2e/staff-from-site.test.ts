// @vitest-environment node
/**
 * The staff screen's "从其他项目添加" in a real browser (web mode; issue 16 item 4), on PostgreSQL with two sites (A,
 * the home one; B, added, with its own team): B's admin opens the form from the keyboard, picks A and A's 李娜, the
 * roles here, Enter; the list shows her with "也在：A项目"; A's own 张伟 is offered but cannot be chosen (B has a zhang
 * of its own); a refusal (no role) is worded in place. Only where PostgreSQL runs: a single office has one site
 * and no such form (tests/integration/staff-sites-one-office.test.ts). Screenshot staff-from-site.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { addSite, renameSite } from '../../src/db/sites';
import { ManualClock } from '../../src/domain/clock';
import { onPostgres } from '../support/engine';
import { byTestId, dispatchOk, enterPin, screenshot, startWebHarness, type WebHarness } from './harness';

const clock = new ManualClock(new Date('2026-03-16T09:00:00+08:00'));
const B_TEAM = [
  { id: 'bdir', name: '周总', roles: ['sales_director', 'admin'], pin: '800001' },
  { id: 'zhang', name: '张三丰', roles: ['consultant'], pin: '800004' },
  { id: 'bzhou', name: '周敏', roles: ['consultant'], pin: '800005' },
];
let h: WebHarness | undefined;

describe.skipIf(!onPostgres())('two sites (PostgreSQL): adding a colleague from another project on the staff screen', () => {
  beforeAll(async () => {
    h = await startWebHarness({
      clock,
      seed: async (app) => {
        await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
        await addSite(app.db, { code: 'b', name: 'B项目', now: clock.now() });
        await renameSite(app.db, 'main', 'A项目');
        const b = await app.dispatch(null, 'setup.firstRun', { staff: B_TEAM }, { site: 'b' });
        if (!b.result.ok) throw new Error(`setup at b: ${b.result.error.message}`);
      },
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('B’s admin adds A’s 李娜 by keyboard; the list says she is also at A; a refusal is worded in place', async () => {
    const { context, page, problems } = await h!.newPage();
    try {
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(h!.baseUrl);
      await page.locator(byTestId('site-picker')).selectOption('b');
      await page.locator(byTestId('staff-option-bdir')).click();
      await enterPin(page, '800001');
      await page.locator(`${byTestId('acting-person')}[data-staff="bdir"]`).waitFor();
      await page.goto(`${h!.baseUrl}#/staff`);
      await page.locator(byTestId('staff-row')).first().waitFor();

      await page.locator(byTestId('staff-from-site-open')).focus();
      await page.keyboard.press('Enter');
      const form = page.locator(byTestId('staff-from-site'));
      await form.waitFor();
      const siteField = page.locator(byTestId('staff-from-site-site'));
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'staff-from-site-site');
      // the field takes the focus as the form opens, before staff.otherSites has answered: wait for the sites
      await expect.poll(() => siteField.locator('option').allInnerTexts()).toEqual(['A项目']);
      const person = page.locator(byTestId('staff-from-site-person'));
      await page.keyboard.press('Tab');
      expect(await person.evaluate((el) => el === document.activeElement)).toBe(true);
      // A's zhang is offered, but B has a zhang of its own: not to be chosen
      expect(await person.locator('option[value="zhang"]').isDisabled()).toBe(true);
      expect(await person.locator('option[value="zhang"]').innerText()).toContain('本项目已有人用此编号');
      await person.selectOption('li');

      // no role at all: refused, worded in place, nothing added
      await page.locator(byTestId('staff-from-site-role-consultant')).uncheck();
      await person.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(byTestId('staff-from-site-error')).innerText()).toMatch(/角色/);
      expect(await page.locator(`${byTestId('staff-row')}[data-staff="li"]`).count()).toBe(0);

      await page.locator(byTestId('staff-from-site-role-consultant')).check();
      await page.locator(byTestId('staff-from-site-role-front_desk')).check();
      await person.focus();
      await page.keyboard.press('Enter');
      const row = page.locator(`${byTestId('staff-row')}[data-staff="li"]`);
      await row.waitFor();
      expect(await row.locator(byTestId('staff-also-at')).innerText()).toBe('也在：A项目');
      expect(await row.locator(byTestId('staff-roles')).innerText()).toMatch(/售楼员.*接待台|接待台.*售楼员/);
      expect(await page.locator(byTestId('staff-done')).innerText()).toContain('已从A项目添加 李娜');
      expect(await page.locator(byTestId('staff-from-site-error')).count()).toBe(0);
      // she is no longer offered
      await expect.poll(() => person.locator('option[value="li"]').count()).toBe(0);
      await screenshot(page, 'staff-from-site.png');

      // Esc closes the form
      await person.focus();
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
