// @vitest-environment node
/**
 * 集团总览 in a real browser (web mode; on SQLite and, in the PostgreSQL half, on PostgreSQL), issue 16 item 4:
 * the group director signs in, lands on the group screen and sees each site's month — payable commission, the
 * public pool, what a dispute holds, open disputes, visits and deals — with the group's totals, the numbers the
 * server's; by keyboard only opens the site's statement and its disputes read-only and comes back with Esc; a
 * deal closed at another terminal re-reads the screen (pushed). The sales director sees no group link and a
 * consultant sent to #/group lands elsewhere. 1366×768, screenshots group*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import type { MethodName } from '../../src/api/spec';
import { ManualClock } from '../../src/domain/clock';
import {
  byTestId,
  dispatchOk,
  enterPin,
  okFor,
  openPage,
  screenshot,
  seedWalkIns,
  signInAs,
  startWebHarness,
  threeWalkIns,
  type WebHarness,
} from './harness';

const DAY = '2026-03-16';
const MONTH = '2026-03';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
const BOSS_PIN = '3001';
let h: WebHarness;
const customers: number[] = [];
const ok = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(h.app, staffId, method, input);

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const seed = okFor(app);
      await seed(null, 'setup.firstRun', { staff: DEMO_TEAM });
      await seed('dir', 'staff.create', { id: 'boss', name: '吴总', roles: ['group_director'], pin: BOSS_PIN });
      await seed('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
      const walkIns = await seedWalkIns(app, clock, at, threeWalkIns('11:10'), { finish: true, confirm: true });
      customers.push(...walkIns.map((w) => w.customerId!));
      clock.set(at('15:00'));
      await seed('zhang', 'deal.close', { customer: customers[0], unit: '1-101', price: 120_000_000, commission: 1_200_050 });
      const held = await seed('li', 'deal.close', { customer: customers[1], unit: '2-202', price: 90_000_000, commission: 900_000 });
      await seed('li', 'dispute.raise', { deal: held.id, claim: '客户由我先接待，应归我' });
    },
  });
});

afterAll(async () => {
  await h?.close();
});

const open = (hash: string) => openPage(h, hash, { now: clock.now() });

/** Tab until the element with this test id has the focus (keyboard only), then Enter. */
async function tabTo(page: Page, testId: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`${testId} is not reachable by Tab`);
}

const payableOf = async (page: Page, testId: string) => Number(await page.locator(byTestId(testId)).first().getAttribute('data-payable'));

describe('the group screen', () => {
  it(
    'the group director lands on it: each site’s month and the group’s totals, the server’s numbers; by keyboard to the statement and disputes, back with Esc',
    { timeout: 180_000 },
    async () => {
      const { page, problems } = await open('#/desk');
      await page.locator(byTestId('staff-option-boss')).click();
      await enterPin(page, BOSS_PIN);
      // a group director has no desk: they land on the group screen
      await page.waitForFunction(() => location.hash.startsWith('#/group'));
      await page.locator(byTestId('group-site')).first().waitFor();

      const server = await ok('boss', 'group.statements', { month: MONTH });
      const disputes = await ok('boss', 'group.disputes', {});
      expect(server.sites.map((s) => s.site.code)).toEqual(['main']);
      expect(server.totals).toMatchObject({ payableCents: 1_200_050, heldCents: 900_000, heldDeals: 1 });
      expect(await page.locator(byTestId('group-site')).count()).toBe(server.sites.length);
      expect(await payableOf(page, 'group-site')).toBe(1_200_050);
      expect(await payableOf(page, 'group-total')).toBe(server.totals.payableCents);
      expect(await page.locator(byTestId('total-undecided')).getAttribute('data-undecided')).toBe(String(disputes.totals.undecided));
      expect(disputes.totals.undecided).toBe(1);
      const text = await page.locator(byTestId('group-screen')).innerText();
      for (const words of ['集团总览', '本售楼处', '集团合计', '¥12,000.50', '¥9,000.00', '应付佣金', '未决争议'])
        expect(text).toContain(words);
      await screenshot(page, 'group.png');

      // the site's statement, read-only, by keyboard
      await tabTo(page, 'open-statement');
      await page.locator(byTestId('drill-totals')).waitFor();
      expect(await page.locator(byTestId('group-drill')).getAttribute('data-view')).toBe('statement');
      const own = await ok('dir', 'statement.month', { month: MONTH });
      const rows = await page
        .locator(byTestId('drill-total'))
        .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-beneficiary'), Number(tr.getAttribute('data-amount'))]));
      expect(Object.fromEntries(rows)).toEqual(own.totals);
      expect(await page.locator(byTestId('drill-held')).innerText()).toContain('争议中');
      // read-only: no button that would change anything
      expect(await page.locator(`${byTestId('group-drill')} button`).count()).toBe(0);
      await screenshot(page, 'group-statement.png');
      await page.keyboard.press('Escape');
      await page.locator(byTestId('group-sites')).waitFor();

      // the site's disputes
      await tabTo(page, 'open-disputes');
      await page.locator(byTestId('drill-dispute')).first().waitFor();
      const dispute = page.locator(byTestId('drill-dispute')).first();
      expect(await dispute.getAttribute('data-status')).toBe('open');
      const row = await dispute.innerText();
      for (const words of ['吴敏', '2-202', '客户由我先接待，应归我', '李娜', '待处理']) expect(row).toContain(words);
      await screenshot(page, 'group-disputes.png');
      await page.keyboard.press('Escape');
      await page.locator(byTestId('group-sites')).waitFor();

      // another terminal closes a deal: the group screen re-reads (pushed), no reload
      await ok('wang', 'deal.close', { customer: customers[2], unit: '3-303', price: 60_000_000, commission: 600_000 });
      await page.waitForFunction(
        (cents) => document.querySelector('[data-testid="group-total"]')?.getAttribute('data-payable') === String(cents),
        1_800_050,
      );
      // English mode: the same screen in English, no Chinese left on it (the one site has no name: "This office")
      await page.locator(byTestId('lang-toggle')).click();
      await page.locator('h1', { hasText: 'Group overview' }).waitFor();
      const english = await page.locator(byTestId('group-screen')).innerText();
      expect(english).toContain('This office');
      expect(english).toContain('Group total');
      expect(english.match(/[\u3400-\u9fff]/g)).toBeNull();
      await screenshot(page, 'group-en.png');
      expect(problems).toEqual([]);
    },
  );

  it('the sales director sees no group link; a consultant sent to #/group lands on a screen of their own; the server refuses both', async () => {
    const { page } = await open('#/statements');
    await signInAs(page, 'dir');
    await page.locator(byTestId('nav-statements')).waitFor();
    expect(await page.locator(byTestId('nav-group')).count()).toBe(0);
    const other = await open('#/group');
    await signInAs(other.page, 'zhang');
    await other.page.waitForFunction(() => !location.hash.startsWith('#/group'));
    expect(await other.page.locator(byTestId('group-screen')).count()).toBe(0);
    for (const who of ['dir', 'zhang']) {
      const refused = (await h.app.dispatch({ staffId: who }, 'group.statements', { month: MONTH })).result;
      expect(refused.ok ? 'answered' : refused.error.code).toBe('permission');
    }
  });
});
