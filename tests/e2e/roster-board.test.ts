// @vitest-environment node
/**
 * The roster board and the lobby display board in a real browser (web mode), on a fixed office clock:
 *
 * - the lobby board (#/lobby, no sign-in, 1920×1080) shows "today's roster has not started", then the next
 *   consultant, the three after them and the lunch desk, and follows every change without a reload (it asks
 *   every 500 ms; how long each change took to show is printed, not asserted: a loaded machine decides it),
 *   while never touching the page when nothing changed;
 * - the sales manager starts the day, marks the head absent, the front desk registers a walk-in (the
 *   absent head loses the turn), the project manager approves an errand (the head keeps the place but is
 *   skipped), the manager disqualifies the new head with a reason;
 * - time travel shows the queue as it stood before the disqualification, read-only;
 * - swap, move to position N, remove and add mid-day, each through the inline dialog with a reason.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { attrs, byTestId, dispatchOk, screenshot, signInAs, startWebHarness, type WebHarness } from './harness';

const DAY = '2026-03-16';
/** An office time of DAY (Asia/Shanghai, as the harness's browser and tests/setup.ts use). */
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);

const clock = new ManualClock(at('08:30'));
let h: WebHarness;
const pages: Page[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
    },
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await h?.close();
});

const text = (page: Page, id: string) => page.locator(byTestId(id)).innerText();

/** The server's clock and every browser's Date move together (timers keep running in the browsers). */
async function setTime(hhmm: string) {
  clock.set(at(hhmm));
  for (const p of pages) await p.clock.setFixedTime(at(hhmm));
}

async function open(path: string, viewport?: { width: number; height: number }) {
  const { context, page, problems } = await h.newPage();
  contexts.push(context);
  pages.push(page);
  await page.clock.setFixedTime(clock.now());
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(h.baseUrl + path);
  return { page, problems };
}

const row = (page: Page, id: string) => page.locator(`${byTestId('roster-row')}[data-consultant="${id}"]`);
const order = (page: Page) => attrs(page, byTestId('roster-row'), 'data-consultant');

/** Opens a row's action, fills the dialog's reason (and extra field), confirms, waits for it to close. */
async function change(
  page: Page,
  id: string,
  action: string,
  reason: string,
  fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>,
) {
  const r = row(page, id);
  await r.locator(byTestId(action)).click();
  const dialog = r.locator(byTestId('inline-dialog'));
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.locator(byTestId('dialog-reason')).fill(reason);
  await dialog.locator(byTestId('dialog-confirm')).click();
  await dialog.waitFor({ state: 'detached' });
}

/** What the lobby shows now: next, the following names, the lunch desk. */
async function lobbyShows(lobby: Page) {
  return {
    next: await lobby.locator(byTestId('lobby-next')).getAttribute('data-consultant'),
    following: await attrs(lobby, `${byTestId('lobby-following')} li`, 'data-consultant'),
    lunch: await text(lobby, 'lobby-lunch'),
  };
}

/** Waits, no reload, until the lobby shows exactly this (expect.poll's hang bound: vitest.config.ts). */
async function lobbyReaches(lobby: Page, expected: Awaited<ReturnType<typeof lobbyShows>>) {
  await expect.poll(() => lobbyShows(lobby)).toEqual(expected);
}

/** Waits, no reload, until the lobby's next consultant is `id`; how long since `since`, for the log. */
async function lobbyNextBecomes(lobby: Page, id: string, since: number) {
  await lobby.locator(`${byTestId('lobby-next')}[data-consultant="${id}"]`).waitFor();
  return performance.now() - since;
}

describe('roster board and lobby display board', () => {
  it('the lobby follows every roster change without a reload; time travel; swap, move, remove and add', { timeout: 90_000 }, async () => {
    // The TV in the lobby: nobody signs in, no header, and before the roster starts a calm message.
    const { page: lobby, problems: lobbyProblems } = await open('#/lobby', { width: 1920, height: 1080 });
    await lobby.locator(byTestId('lobby-not-started')).waitFor();
    expect(await lobby.locator(byTestId('lobby-not-started')).innerText()).toContain('今日排班尚未开始');
    expect(await lobby.locator('.app-header, [data-testid="sign-in"]').count()).toBe(0);
    expect(await text(lobby, 'lobby-date')).toContain('2026年3月16日');
    expect(await text(lobby, 'lobby-clock')).toBe('08:30');
    await screenshot(lobby, 'lobby-not-started.png');
    // every change below must reach the board without the page loading again
    let lobbyLoads = 0;
    lobby.on('load', () => lobbyLoads++);

    // The sales manager starts the day: zhang, li, wang, zhao.
    await setTime('09:00');
    const { page: mgr, problems: mgrProblems } = await open('');
    await signInAs(mgr, 'mgr');
    await mgr.locator(byTestId('nav-roster')).click();
    await mgr.locator(byTestId('roster-start')).waitFor();
    for (const id of ['zhang', 'li', 'wang', 'zhao']) await mgr.locator(byTestId(`pick-${id}`)).click();
    await mgr.locator(byTestId('roster-start-submit')).click();
    await mgr.locator(byTestId('roster-row')).first().waitFor();
    expect(await order(mgr)).toEqual(['zhang', 'li', 'wang', 'zhao']);

    // The lobby picks it up by itself.
    let t0 = performance.now();
    console.log(`[e2e] roster started → the lobby shows 张伟 next: ${(await lobbyNextBecomes(lobby, 'zhang', t0)).toFixed(0)} ms`);
    expect(await text(lobby, 'lobby-next')).toBe('张伟');
    expect(await lobbyShows(lobby)).toEqual({ next: 'zhang', following: ['li', 'wang', 'zhao'], lunch: '张伟、李娜' });
    expect(await lobby.locator(`${byTestId('lobby-following')} li`).allInnerTexts()).toEqual(['2\n李娜', '3\n王芳', '4\n赵磊']);
    expect(await lobby.locator(byTestId('lobby-counts')).getAttribute('data-waiting')).toBe('0');
    await screenshot(lobby, 'lobby.png');

    // Nobody signed in on this browser, so web mode gives it no push stream: it asks about twice a second
    // instead (renderer/screens/Lobby.tsx), but touches the page only when something changed: no flicker.
    const polls: string[] = [];
    lobby.on('request', (r) => {
      if (r.url().endsWith('/api/roster.board')) polls.push(r.url());
    });
    await lobby.evaluate(() => {
      const w = window as unknown as { lobbyMutations: number };
      w.lobbyMutations = 0;
      new MutationObserver((list) => (w.lobbyMutations += list.length)).observe(document.querySelector('[data-testid="lobby"]')!, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    // Counted, not timed: a third poll goes out only after the second's answer was handled.
    await expect.poll(() => polls.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await lobby.evaluate(() => (window as unknown as { lobbyMutations: number }).lobbyMutations)).toBe(0);

    // The web-mode link opens the same board in a new tab.
    const link = mgr.locator(byTestId('open-lobby'));
    expect(await link.getAttribute('href')).toBe('#/lobby');
    expect(await link.getAttribute('target')).toBe('_blank');
    const [tab] = await Promise.all([mgr.context().waitForEvent('page'), link.click()]);
    await tab.locator(`${byTestId('lobby-next')}[data-consultant="zhang"]`).waitFor();
    expect(new URL(tab.url()).hash).toBe('#/lobby');
    await tab.close();
    await mgr.bringToFront();

    // 09:30 zhang is not on the floor: the manager marks him 缺岗.
    await setTime('09:30');
    await change(mgr, 'zhang', 'status-absent', '');
    expect(await row(mgr, 'zhang').locator(byTestId('status-badge')).getAttribute('data-status')).toBe('absent');
    await lobbyReaches(lobby, { next: 'li', following: ['wang', 'zhao'], lunch: '李娜、王芳' });

    // 09:35 a walk-in at the desk (front desk signed in on its own terminal): zhang loses the turn, li receives.
    await setTime('09:35');
    const { page: desk, problems: deskProblems } = await open('');
    await signInAs(desk, 'qian');
    await desk.locator(byTestId('desk')).waitFor();
    await desk.locator(byTestId('desk-phone')).fill('13800000001');
    await desk.locator(byTestId('desk-name')).fill('周杰');
    await desk.locator(`${byTestId('verdict')}[data-status="new"][data-fresh="true"]`).waitFor();
    t0 = performance.now();
    await desk.locator(byTestId('desk-name')).press('Enter');
    const walkInShown = await lobbyNextBecomes(lobby, 'wang', t0);
    console.log(`[e2e] Enter at the desk → the lobby shows the new next (王芳): ${walkInShown.toFixed(0)} ms`);
    await desk.locator(`${byTestId('walkin-result')}[data-consultant="li"]`).waitFor();
    expect(await desk.locator(byTestId('walkin-result')).innerText()).toContain('张伟 不在岗，失去本轮');
    // zhang is at the back (absent), li is receiving: neither is "following".
    expect(await lobbyShows(lobby)).toEqual({ next: 'wang', following: ['zhao'], lunch: '王芳、赵磊' });

    // 10:00 the project manager approves wang's errand (外出, approved): he keeps his place but is skipped.
    await setTime('10:00');
    await signInAs(mgr, 'pm');
    await mgr.keyboard.press('Alt+2');
    await row(mgr, 'wang').waitFor();
    expect(await order(mgr)).toEqual(['wang', 'zhao', 'zhang', 'li']);
    await change(mgr, 'wang', 'action-away-approved', '去银行送按揭资料');
    await lobbyReaches(lobby, { next: 'zhao', following: [], lunch: '赵磊、李娜' });
    expect(await row(mgr, 'wang').locator(byTestId('status-badge')).innerText()).toBe('外出（已批准）');
    expect(await order(mgr)).toEqual(['wang', 'zhao', 'zhang', 'li']);

    // Only a project manager is offered the approval.
    await signInAs(mgr, 'mgr');
    await mgr.keyboard.press('Alt+2');
    await row(mgr, 'wang').waitFor();
    expect(await mgr.locator(byTestId('action-away-approved')).count()).toBe(0);

    // 10:02 zhang is back on the floor.
    await setTime('10:02');
    await change(mgr, 'zhang', 'status-present', '');
    await lobbyReaches(lobby, { next: 'zhao', following: ['zhang'], lunch: '赵磊、张伟' });

    // 10:30 the manager disqualifies zhao for this turn (uniform): to the back, with the reason.
    await setTime('10:30');
    await change(mgr, 'zhao', 'action-disqualify', '未按规定着装');
    expect(await order(mgr)).toEqual(['wang', 'zhang', 'li', 'zhao']);
    expect(await text(mgr, 'roster-next')).toBe('张伟');
    await lobbyReaches(lobby, { next: 'zhang', following: ['zhao'], lunch: '张伟、李娜' });

    // Time travel (R-ROS-13): 10:05, before the disqualification, read-only.
    await setTime('10:40');
    await mgr.locator(byTestId('history-time')).fill('10:05');
    await mgr.locator(byTestId('history-show')).click();
    await mgr.locator(byTestId('history-banner')).waitFor();
    expect(await text(mgr, 'history-banner')).toContain('查看 10:05 时的排班（只读）');
    expect(await mgr.locator(byTestId('roster-table')).getAttribute('data-mode')).toBe('history');
    expect(await order(mgr)).toEqual(['wang', 'zhao', 'zhang', 'li']);
    expect(await text(mgr, 'roster-next')).toBe('赵磊');
    expect(await row(mgr, 'wang').locator(byTestId('status-badge')).innerText()).toBe('外出（已批准）');
    // Read-only: no status buttons, no changes, no add.
    expect(await mgr.locator(`${byTestId('roster-table')} button`).count()).toBe(0);
    expect(await mgr.locator(byTestId('roster-add')).count()).toBe(0);
    // The banner comes first; the summary under it is of 10:05 too.
    expect(await mgr.locator(`${byTestId('history-banner')} ~ .roster-summary ${byTestId('roster-next')}`).count()).toBe(1);
    await screenshot(mgr, 'roster-history.png');

    // 09:32: zhang absent, the walk-in not yet come.
    await mgr.locator(byTestId('history-time')).fill('09:32');
    await mgr.locator(byTestId('history-show')).click();
    await mgr.locator(`${byTestId('history-banner')}:has-text("09:32")`).waitFor();
    expect(await order(mgr)).toEqual(['zhang', 'li', 'wang', 'zhao']);
    expect(await row(mgr, 'zhang').locator(byTestId('status-badge')).getAttribute('data-status')).toBe('absent');
    // Before the roster started, and a time still to come.
    await mgr.locator(byTestId('history-time')).fill('08:45');
    await mgr.locator(byTestId('history-show')).click();
    await mgr.locator(byTestId('history-not-started')).waitFor();
    expect(await text(mgr, 'history-banner')).toContain('08:45');
    await mgr.locator(byTestId('history-time')).fill('11:00');
    await mgr.locator(byTestId('history-show')).click();
    expect(await text(mgr, 'history-error')).toBe('请选择已经过去的时间');
    // Back to now: the live, editable queue.
    await mgr.locator(byTestId('history-back')).click();
    await mgr.locator(byTestId('history-banner')).waitFor({ state: 'detached' });
    expect(await mgr.locator(byTestId('roster-table')).getAttribute('data-mode')).toBe('live');
    expect(await mgr.locator(byTestId('history-error')).count()).toBe(0);
    expect(await mgr.locator(byTestId('history-time')).inputValue()).toBe('');
    expect(await order(mgr)).toEqual(['wang', 'zhang', 'li', 'zhao']);

    // Swap: a reason is always asked for, even where the API would take none.
    await setTime('10:45');
    const zhangRow = row(mgr, 'zhang');
    await zhangRow.locator(byTestId('action-swap')).click();
    const dialog = zhangRow.locator(byTestId('inline-dialog'));
    await dialog.locator(byTestId('dialog-swap-with')).selectOption('wang');
    await dialog.locator(byTestId('dialog-confirm')).click();
    expect(await dialog.locator(byTestId('dialog-error')).innerText()).toBe('请填写原因');
    expect(await order(mgr)).toEqual(['wang', 'zhang', 'li', 'zhao']);
    await dialog.locator(byTestId('dialog-reason')).fill('王芳外出，先调到后面');
    await dialog.locator(byTestId('dialog-confirm')).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await order(mgr)).toEqual(['zhang', 'wang', 'li', 'zhao']);

    // Move to position N: zhao to 1.
    await change(mgr, 'zhao', 'action-move', '补回上午的轮次', (d) => d.locator(byTestId('dialog-position')).fill('1'));
    expect(await order(mgr)).toEqual(['zhao', 'zhang', 'wang', 'li']);
    await lobbyReaches(lobby, { next: 'zhao', following: ['zhang'], lunch: '赵磊、张伟' });

    // Remove mid-day (the server wants a reason too), then add back from the consultants not on the roster.
    await change(mgr, 'zhang', 'action-remove', '临时调去外展点');
    expect(await order(mgr)).toEqual(['zhao', 'wang', 'li']);
    await lobbyReaches(lobby, { next: 'zhao', following: [], lunch: '赵磊、李娜' });
    expect(await text(lobby, 'lobby-following')).toBe('暂无其他空闲售楼员');
    await mgr.locator(byTestId('action-add')).click();
    const add = mgr.locator(`${byTestId('roster-add')} ${byTestId('inline-dialog')}`);
    expect(await add.locator(`${byTestId('dialog-add-who')} option`).allInnerTexts()).toEqual(['请选择', '张伟']);
    await add.locator(byTestId('dialog-add-who')).selectOption('zhang');
    await add.locator(byTestId('dialog-reason')).fill('外展点结束，回到售楼处');
    await add.locator(byTestId('dialog-confirm')).click();
    await add.waitFor({ state: 'detached' });
    expect(await order(mgr)).toEqual(['zhao', 'wang', 'li', 'zhang']);
    expect(await mgr.locator(byTestId('action-add')).count()).toBe(0); // everyone is on the roster again
    await lobbyReaches(lobby, { next: 'zhao', following: ['zhang'], lunch: '赵磊、李娜' });

    // The manager's board with a change being confirmed.
    await row(mgr, 'li').locator(byTestId('action-move')).click();
    await row(mgr, 'li').locator(byTestId('dialog-position')).fill('2');
    await row(mgr, 'li').locator(byTestId('dialog-reason')).fill('接待结束后补位');
    await screenshot(mgr, 'roster-board.png');
    await row(mgr, 'li').locator(byTestId('dialog-cancel')).click();

    // 10:50 two walk-ins take zhao and zhang; the third waits: the lobby says so, the manager sees the list.
    await setTime('10:50');
    for (const [phone, name, receiver] of [
      ['13800000002', '吴敏', 'zhao'],
      ['13800000003', '郑洁', 'zhang'],
      ['13800000004', '孙丽', null],
    ] as const) {
      await desk.locator(byTestId('desk-phone')).fill(phone);
      await desk.locator(byTestId('desk-name')).fill(name);
      await desk.locator(`${byTestId('verdict')}[data-status="new"][data-fresh="true"]`).waitFor();
      await desk.locator(byTestId('desk-name')).press('Enter');
      await desk.locator(receiver ? `${byTestId('walkin-result')}[data-consultant="${receiver}"]` : byTestId('walkin-waiting')).waitFor();
    }
    // zhao and zhang took their turns (to the back): li, zhao, zhang are present, li first.
    await lobbyReaches(lobby, { next: '', following: [], lunch: '李娜、赵磊' });
    expect(await text(lobby, 'lobby-next')).toContain('售楼员都在接待中');
    // the board may show "all busy" (after 郑洁) before the waiting 孙丽 reaches it: wait for the count itself
    await lobby.locator(`${byTestId('lobby-counts')}[data-waiting="1"]`).waitFor();
    expect(await text(lobby, 'lobby-counts')).toContain('等候 1 位');
    await screenshot(lobby, 'lobby-waiting.png');
    // The manager's board re-reads on the pushed roster change (no poll): the waiting list appears.
    await mgr.locator(byTestId('roster-waiting')).waitFor({ timeout: 10_000 });
    expect(await mgr.locator(`${byTestId('roster-waiting')} li`).allInnerTexts()).toEqual(['孙丽，10:50 起等候']);

    expect(lobbyLoads).toBe(0);
    expect(lobbyProblems).toEqual([]);
    expect(mgrProblems).toEqual([]);
    expect(deskProblems).toEqual([]);
  });
});
