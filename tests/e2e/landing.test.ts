// @vitest-environment node
/**
 * Each role lands on a screen it can use (issue 17 item 15): an employee or the sales assistant is never shown
 * the walk-in form, even when the address asks for it; a consultant sent to the PM's screen gets the desk.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { byTestId, dispatchOk, enterPin, screenshot, startWebHarness, type WebHarness } from './harness';

let h: WebHarness;
const PINS = { emp: '3001', asst: '3002' };

beforeAll(async () => {
  h = await startWebHarness({
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', {
        staff: [
          ...DEMO_TEAM,
          { id: 'emp', name: '孙丽', roles: ['employee'], pin: PINS.emp },
          { id: 'asst', name: '方圆', roles: ['sales_assistant'], pin: PINS.asst },
        ],
      });
    },
  });
});
afterAll(async () => {
  await h?.close();
});

async function signInAt(path: string, staffId: string, pin: string): Promise<Page> {
  const { page } = await h.newPage();
  await page.goto(h.baseUrl + path);
  await page.locator(byTestId('sign-in')).waitFor();
  await page.locator(byTestId(`staff-option-${staffId}`)).click();
  await enterPin(page, pin);
  await page.locator(`${byTestId('acting-person')}[data-staff="${staffId}"]`).waitFor();
  return page;
}

const hashOf = (page: Page) => page.evaluate(() => location.hash);

describe('where each role lands', () => {
  it('an employee asking for the desk is told their role has no screen: no walk-in form, no desk link, nothing refused', async () => {
    const page = await signInAt('#/desk', 'emp', PINS.emp);
    await page.locator(byTestId('no-screen')).waitFor();
    expect(await page.locator(byTestId('desk')).count()).toBe(0);
    expect(await page.locator(byTestId('desk-phone')).count()).toBe(0);
    expect(await page.locator(byTestId('nav-desk')).count()).toBe(0);
    expect(await page.locator(byTestId('nav-roster')).count()).toBe(0);
    expect(await page.locator('[role="alert"]').count(), 'no refusal is shown').toBe(0);
    await screenshot(page, 'landing-employee.png');
  });

  it('the sales assistant lands on the statements, never the walk-in form', async () => {
    const page = await signInAt('', 'asst', PINS.asst);
    await page.waitForFunction(() => location.hash === '#/statements');
    expect(await page.locator(byTestId('desk-phone')).count()).toBe(0);
    expect(await page.locator(byTestId('nav-desk')).count()).toBe(0);
  });

  it('a consultant sent to the project manager’s screen gets the desk; the front desk lands on the desk', async () => {
    const consultant = await signInAt('#/registrations', 'zhang', '2001');
    await consultant.locator(byTestId('desk')).waitFor();
    // the address follows the screen shown, in an effect after it
    await expect.poll(() => hashOf(consultant)).toBe('#/desk');
    const desk = await signInAt('', 'qian', '1114');
    await desk.locator(byTestId('desk-phone')).waitFor();
  });
});
