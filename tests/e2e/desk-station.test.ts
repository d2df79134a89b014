// @vitest-environment node
/**
 * The desk station in a real browser (web mode, issue 17 item 10): the front desk opens the terminal as the
 * station with her PIN; the header says 接待台工作站, not a person. Typing a walk-in's number shows the
 * verdict without asking anyone; Enter asks 谁在操作？, lists only people who may register, a wrong PIN asks
 * again in place, Esc registers nothing, her PIN registers it under her name. Past the idle limit the station
 * is still there (a personal session would have been signed out).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PINS, DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { can } from '../../src/api/spec';
import { ManualClock } from '../../src/domain/clock';
import { attrs, byTestId, dispatchOk, enterPin, screenshot, startWebHarness, type WebHarness } from './harness';

const at = (hhmm: string) => new Date(`2026-03-16T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
let idleOffset = 0;
let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    serverNow: () => Date.now() + idleOffset,
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** Waits for the read to give the expected value (expect.poll's hang bound and interval: vitest.config.ts). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read);
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
const walkInRows = async () =>
  (await h.app.db.selectFrom('audit_log').select(['actor_id']).where('method', '=', 'desk.walkIn').execute()).map((r) => r.actor_id);

describe('the desk station', () => {
  it(
    'opens once; lookups need nobody; each walk-in asks who registers it, by PIN; it outlasts the idle limit',
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await h.newPage();
      await page.clock.setFixedTime(clock.now());
      await page.goto(h.baseUrl);

      await page.locator(byTestId('sign-in')).waitFor();
      await page.locator(byTestId('open-station')).check();
      // only the front desk and managers may open it
      await eventually(() => attrs(page, '[data-testid^="staff-option-"]', 'data-testid')).toEqual(
        expect.not.arrayContaining(['staff-option-zhang', 'staff-option-li']),
      );
      await page.locator(byTestId('staff-option-qian')).click();
      await enterPin(page, DEMO_PINS.qian!);
      await page.locator(byTestId('station-badge')).waitFor();
      expect(await page.locator(byTestId('acting-person')).innerText()).toBe('接待台工作站');
      await page.locator(byTestId('desk')).waitFor();

      // the verdict comes without a PIN
      await page.locator(byTestId('desk-phone')).fill('13800000001');
      await page.locator(`${byTestId('verdict')}[data-fresh="true"]`).waitFor();
      expect(await page.locator(byTestId('acting-prompt')).count()).toBe(0);
      await page.locator(byTestId('desk-name')).fill('周杰');
      await page.locator(byTestId('desk-name')).press('Enter');

      // Enter asks who is doing it, offering exactly the people who may register a walk-in
      const prompt = page.locator(`${byTestId('acting-prompt')}[data-method="desk.walkIn"]`);
      await prompt.waitFor();
      await screenshot(page, 'station-prompt.png');
      const offered = await attrs(page, `${byTestId('acting-prompt')} [data-testid^="staff-option-"]`, 'data-testid');
      const mayRegister = DEMO_TEAM.filter((m) => can(m, 'desk.walkIn')).map((m) => `staff-option-${m.id}`);
      expect(offered.sort()).toEqual(mayRegister.sort());
      // the header's customer search would ask a PIN per keystroke: the station does not offer it
      expect(await page.locator(byTestId('header-search')).count()).toBe(0);
      // Esc on the list: nothing is registered
      await page.keyboard.press('Escape');
      await prompt.waitFor({ state: 'detached' });
      expect(await walkInRows()).toEqual([]);

      // again: a wrong PIN asks again in place, then hers registers it under her name
      await page.locator(byTestId('desk-name')).press('Enter');
      await prompt.waitFor();
      await page.locator(`${byTestId('acting-prompt')} ${byTestId('staff-option-qian')}`).click();
      await enterPin(page, '9999');
      await page.locator(`${byTestId('acting-prompt')} ${byTestId('pin-error')}`).waitFor();
      expect(await walkInRows()).toEqual([]);
      expect(await focused(page)).toBe('pin-input');
      await page.keyboard.type(DEMO_PINS.qian!);
      await page.keyboard.press('Enter');
      await prompt.waitFor({ state: 'detached' });
      await page.locator(`${byTestId('walkin-result')}[data-consultant="zhang"]`).waitFor();
      expect(await walkInRows()).toEqual(['qian']);
      await screenshot(page, 'station-registered.png');

      // 20 quiet minutes later the station is still the station, and the roster still reads
      idleOffset = 20 * 60_000;
      await page.reload();
      await page.locator(byTestId('station-badge')).waitFor();
      await page.locator(byTestId('desk')).waitFor();
      expect(await page.locator(byTestId('sign-in')).count()).toBe(0);
      expect(problems).toEqual([]);
    },
  );
});
