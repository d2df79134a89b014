// @vitest-environment node
/**
 * 来访登记表 in a real browser (web mode, issue 17 item 20), on a fixed office clock: the project manager opens it
 * from the registrations screen (its one link), sees the day's three registrations with full numbers (a manager,
 * R-SEC-1), source, receiving consultant, registration and status, and signature lines; printed by Chromium at
 * A4 (page.pdf), the header and the buttons are left off and the rows are on the page; a consultant is sent to
 * a screen of their own. The opening is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import {
  byTestId,
  dispatchOk,
  okFor,
  openPage,
  OUTPUT_DIR,
  screenshot,
  seedTeamAndRoster,
  seedWalkIns,
  signInAs,
  startWebHarness,
  threeWalkIns,
  type WebHarness,
} from './harness';
import fs from 'node:fs';
import path from 'node:path';

const DAY = '2026-03-16';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
let h: WebHarness;
const visits: number[] = [];

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const ok = okFor(app);
      await seedTeamAndRoster(app);
      const walkIns = await seedWalkIns(app, clock, at, threeWalkIns('14:10'), { finish: true });
      visits.push(...walkIns.map((w) => w.visitId!));
      clock.set(at('17:00'));
      await ok('pm', 'registration.confirm', { visit: visits[0] });
      await ok('pm', 'registration.reject', { visit: visits[1], reason: '客户为同行，非真实来访' });
    },
  });
});

afterAll(async () => {
  await h?.close();
});

const open = (hash: string) => openPage(h, hash, { now: clock.now() });

describe('the printable visitor register', () => {
  it(
    'the PM opens it from the registrations screen: every registration of the day, full numbers, signature lines; printed at A4',
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await open('#/registrations');
      await signInAs(page, 'pm');
      await page.locator(byTestId('reg-sheet-link')).click();
      await page.waitForFunction((day) => location.hash === `#/register-sheet?date=${day}`, DAY);
      await page.locator(`${byTestId('register-sheet')} [data-loaded="true"]`).waitFor();
      const rows = page.locator(byTestId('sheet-row'));
      expect(await rows.count()).toBe(3);
      const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(cells.map((c) => c.slice(2, 4))).toEqual([
        ['周杰', '13812345678'],
        ['吴敏', '13900001111'],
        ['孙丽', '13700002222'],
      ]);
      expect(cells.map((c) => c[8])).toEqual(['已确认', '已驳回', '待确认']);
      expect(cells.map((c) => c[4])).toEqual(['自然来访', '自然来访', '自然来访']);
      expect(cells.map((c) => c[1])).toEqual(['09:30', '10:40', '14:10']);
      const sheet = await page.locator(byTestId('register-sheet')).innerText();
      expect(sheet).toContain('来访登记表');
      expect(sheet).toContain('项目经理（签字）');
      expect(sheet).toContain('2026年3月16日');
      await screenshot(page, 'register-sheet.png');

      // Printed: only the sheet, on A4 (Chromium's own print, as window.print() and Electron's printToPDF use)
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator(byTestId('sheet-print')).isVisible()).toBe(false);
      expect(await rows.nth(2).isVisible()).toBe(true);
      await screenshot(page, 'register-sheet-print.png');
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      fs.mkdirSync(OUTPUT_DIR, { recursive: true });
      fs.writeFileSync(path.join(OUTPUT_DIR, 'register-sheet.pdf'), pdf);
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
      // A4 in points (595 × 842), and a CJK font embedded for the Chinese
      expect(text).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]/);
      expect(text).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSansCJK/);
      expect(problems).toEqual([]);

      const logged = await dispatchOk(h.app, 'dir', 'audit.list', { method: 'registration.sheet' });
      expect(JSON.stringify(logged)).toContain('registration.sheet');
    },
  );

  it('a consultant cannot open it: sent to a screen of their own, the server refuses the read', { timeout: 120_000 }, async () => {
    const { page } = await open(`#/register-sheet?date=${DAY}`);
    await signInAs(page, 'zhang');
    await page.waitForFunction(() => !location.hash.startsWith('#/register-sheet'));
    expect(await page.locator(byTestId('register-sheet')).count()).toBe(0);
    const refused = (await h.app.dispatch({ staffId: 'zhang' }, 'registration.sheet', { day: DAY })).result;
    expect(refused.ok ? 'answered' : refused.error.code).toBe('permission');
  });
});
