// @vitest-environment node
/**
 * Signing in at a site of an office group, in a real browser (web mode; issue 16 item 4). On PostgreSQL with two
 * sites (A, the home one; B, added, with its own team and roster) the sign-in screen lists the sites; choosing B
 * lists B's people, not A's; B's manager signs in and sees B's roster, not A's; every call carries
 * X-Salesdesk-Site: b and the events stream ?site=b, and a change at B is pushed to the page; the choice is remembered by the terminal (a new page in the same browser opens on B). On SQLite (one
 * site) the sign-in screen has no site picker and no call names a site. Screenshot site-sign-in.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import type { Session } from '../../src/api/session';
import { addSite } from '../../src/db/sites';
import { ManualClock } from '../../src/domain/clock';
import { onPostgres } from '../support/engine';
import { byTestId, dispatchOk, enterPin, screenshot, startWebHarness, type WebHarness } from './harness';

const DAY = '2026-03-16';
const clock = new ManualClock(new Date(`${DAY}T09:00:00+08:00`));
const B_TEAM = [
  { id: 'bdir', name: '周总', roles: ['sales_director', 'admin'], pin: '800001' },
  { id: 'bmgr', name: '吴经理', roles: ['sales_manager'], pin: '800002' },
  { id: 'bdesk', name: '郑前台', roles: ['front_desk'], pin: '800003' },
  { id: 'bzhou', name: '周敏', roles: ['consultant'], pin: '800005' },
  { id: 'bsong', name: '宋佳', roles: ['consultant'], pin: '800006' },
  { id: 'bpm', name: '冯强', roles: ['project_manager'], pin: '800007' },
];
const BOSS_PIN = '3001';
let h: WebHarness;

/** A call at a site as a person, through the harness's core (announced like a page's). */
async function atSite(site: string | null, staffId: string | null, method: string, input: unknown): Promise<any> {
  const session: Session | null = staffId ? (site ? { staffId, site } : { staffId }) : null;
  const { result } = await h.core.dispatch(session, method, input, site && !staffId ? { site } : {});
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
      await dispatchOk(app, 'dir', 'staff.create', { id: 'boss', name: '吴总', roles: ['group_director'], pin: BOSS_PIN });
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
      if (!onPostgres()) return;
      await addSite(app.db, { code: 'b', name: 'B项目', now: clock.now() });
      await app.dispatch(null, 'setup.firstRun', { staff: B_TEAM }, { site: 'b' });
      const started = await app.dispatch({ staffId: 'bmgr', site: 'b' }, 'roster.start', { order: ['bsong', 'bzhou'] }, {});
      if (!started.result.ok) throw new Error(`roster.start at b: ${started.result.error.message}`);
    },
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(onPostgres())('one office (SQLite): nothing changes on the sign-in screen', () => {
  it('no site picker, and no call names a site', async () => {
    const { context, page, problems } = await h.newPage();
    try {
      const sent: (string | undefined)[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/')) sent.push(r.headers()['x-salesdesk-site']);
      });
      await page.goto(h.baseUrl);
      await page.locator(byTestId('staff-option-qian')).waitFor();
      expect(await page.locator(byTestId('site-picker')).count()).toBe(0);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((s) => s === undefined)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(!onPostgres())('two sites (PostgreSQL): the sign-in screen lists them', () => {
  it('choosing B lists B’s people; B’s manager sees B’s roster, not A’s; calls and the stream name B; a new page opens on B', async () => {
    const { context, page, problems } = await h.newPage();
    try {
      const calls: { url: string; site: string | undefined }[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/')) calls.push({ url: r.url(), site: r.headers()['x-salesdesk-site'] });
      });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(h.baseUrl);
      const picker = page.locator(byTestId('site-picker'));
      await picker.waitFor();
      // the home site first, chosen by default: A's people
      expect(await picker.locator('option').allInnerTexts()).toEqual(['售楼处 main（未命名）', 'B项目']);
      expect(await picker.inputValue()).toBe('main');
      await page.locator(byTestId('staff-option-qian')).waitFor();

      const fromChoice = calls.length;
      await picker.selectOption('b');
      await page.locator(byTestId('staff-option-bmgr')).waitFor();
      expect(await page.locator(byTestId('staff-option-qian')).count()).toBe(0);
      expect(await page.locator(byTestId('staff-option-mgr')).count()).toBe(0);
      await screenshot(page, 'site-sign-in.png');

      await page.locator(byTestId('staff-option-bmgr')).click();
      await enterPin(page, '800002');
      await page.locator(`${byTestId('acting-person')}[data-staff="bmgr"]`).waitFor();
      await page.goto(`${h.baseUrl}#/roster`);
      await page.locator(byTestId('roster-row')).first().waitFor();
      expect(await page.locator(byTestId('roster-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-consultant')))).toEqual([
        'bsong',
        'bzhou',
      ]);
      expect(await page.locator(byTestId('roster-table')).innerText()).not.toMatch(/张伟|李娜|王芳/);

      // a walk-in at B, at another terminal, is pushed and re-reads the board (宋佳 received it: 周敏 is next); the
      // stream is B's own (?site=b)
      await page.locator('.app[data-push="open"]').waitFor();
      expect(await page.locator('.roster-entry.next').getAttribute('data-consultant')).toBe('bsong');
      await atSite('b', 'bdesk', 'desk.walkIn', { customer: { name: '乙', phone: '13600000012' } });
      await page.waitForFunction(() => document.querySelector('.roster-entry.next')?.getAttribute('data-consultant') === 'bzhou');
      const sinceChoice = calls.slice(fromChoice).filter((c) => !c.url.includes('/api/events'));
      expect(sinceChoice.length).toBeGreaterThan(3);
      expect(sinceChoice.filter((c) => c.site !== 'b')).toEqual([]);
      expect(calls.filter((c) => c.url.includes('/api/events')).map((c) => new URL(c.url).search)).toContain('?site=b');

      // the terminal remembers: a new page in the same browser, signed out, lists B's people at once
      await page.keyboard.press('F2');
      await page.locator(byTestId('sign-out')).click();
      await page.locator(byTestId('sign-in')).waitFor();
      const second = await context.newPage();
      await second.goto(h.baseUrl);
      await second.locator(byTestId('staff-option-bdesk')).waitFor();
      expect(await second.locator(byTestId('site-picker')).inputValue()).toBe('b');
      expect(await second.locator(byTestId('staff-option-qian')).count()).toBe(0);
      await second.close();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the group screen re-reads when another site changes: a deal closed at B shows in B’s row', async () => {
    const { context, page, problems } = await h.newPage();
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(h.baseUrl);
      await page.locator(byTestId('staff-option-boss')).click();
      await enterPin(page, BOSS_PIN);
      const rowB = page.locator(`${byTestId('group-site')}[data-site="b"]`);
      await rowB.waitFor();
      expect(await page.locator(byTestId('group-site')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site')))).toEqual([
        'main',
        'b',
      ]);
      expect(await rowB.getAttribute('data-payable')).toBe('0');
      await page.locator('.app[data-push="open"]').waitFor();
      // at B's desk and B's manager's terminal: a walk-in, confirmed, and a deal
      const w = await atSite('b', 'bdesk', 'desk.walkIn', { customer: { name: '丙', phone: '13600000013' } });
      await atSite('b', w.receivedBy.id, 'desk.finish', { visit: w.visitId });
      await atSite('b', 'bpm', 'registration.confirm', { visit: w.visitId });
      await atSite('b', w.receivedBy.id, 'deal.close', { customer: w.customerId, unit: 'B-808', price: 50_000_000, commission: 500_000 });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="group-site"][data-site="b"]')?.getAttribute('data-payable') === '500000',
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
