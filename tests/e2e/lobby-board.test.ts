// @vitest-environment node
/**
 * The lobby display board at 1366×768 (issue 17 items 14 and 19): how many customers wait and how many are in
 * reception, and the day's priority turns and disqualifications with their reason — each until it is spent —
 * all following the roster as it changes at other terminals (pushed, or the board's fallback read; every step
 * waits for a state, none for a time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { attrs, byTestId, dispatchOk, screenshot, startWebHarness, type WebHarness } from './harness';

const at = (hhmm: string) => new Date(`2026-03-16T${hhmm}:00+08:00`);
const WAIT_MS = 15_000;
const clock = new ManualClock(at('09:00'));
let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('the lobby board', () => {
  it('counts waiting and in reception, and shows turn changes with their reason until spent', { timeout: 120_000 }, async () => {
    const { page, problems } = await h.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(h.baseUrl + '#/lobby');
    const counts = page.locator(byTestId('lobby-counts'));
    const countsAre = (waiting: number, receiving: number) =>
      expect
        .poll(async () => [await counts.getAttribute('data-waiting'), await counts.getAttribute('data-receiving')], { timeout: WAIT_MS })
        .toEqual([String(waiting), String(receiving)]);
    await countsAre(0, 0);
    expect(await page.locator(byTestId('lobby-marks')).count()).toBe(0);

    // zhang receives a walk-in; the manager disqualifies li (R-ROS-5) and gives wang a priority turn.
    await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    await dispatchOk(h.app, 'mgr', 'roster.disqualify', { consultant: 'li', reason: '着装不规范' });
    await dispatchOk(h.app, 'mgr', 'roster.priority', { consultant: 'wang', reason: '昨天替同事值班' });
    const marks = page.locator(byTestId('lobby-mark'));
    await expect.poll(() => marks.count(), { timeout: WAIT_MS }).toBe(2);
    await countsAre(0, 1);
    expect(await attrs(page, byTestId('lobby-mark'), 'data-kind')).toEqual(['disqualified', 'priority']);
    const li = page.locator(`${byTestId('lobby-mark')}[data-consultant="li"]`);
    expect(await li.innerText()).toContain('李娜');
    expect(await li.innerText()).toContain('本轮取消资格');
    expect(await li.innerText()).toContain('着装不规范');
    expect(await page.locator(`${byTestId('lobby-mark')}[data-consultant="wang"]`).innerText()).toContain('优先轮值');
    expect(await text()).toContain('等候 0 位 · 接待中 1 位');
    await screenshot(page, 'lobby-marks-1366.png');

    // The priority head takes the next walk-in: the priority is spent and leaves the board. Then li takes one,
    // and nobody is free: the fourth customer waits.
    await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000002' } });
    await expect.poll(() => attrs(page, byTestId('lobby-mark'), 'data-consultant'), { timeout: WAIT_MS }).toEqual(['li']);
    await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '郑洁', phone: '13800000003' } });
    await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '孙丽', phone: '13800000004' } });
    await countsAre(1, 3);
    await page.locator(byTestId('lobby-marks')).waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await text()).toContain('等候 1 位 · 接待中 3 位');
    expect(await text()).toContain('1 waiting · 3 in reception');
    await screenshot(page, 'lobby-counts-1366.png');
    expect(problems).toEqual([]);

    async function text() {
      return counts.innerText();
    }
  });
});
