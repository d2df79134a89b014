// @vitest-environment node
/**
 * The desk's notices in a real browser (web mode, issue 17 item 12), on an injected office clock — nobody waits
 * two hours, and nothing here depends on how fast the machine is (every step waits for a state):
 *
 * - every consultant is receiving, a fourth customer waits; when zhang finishes at another terminal the roster
 *   gives the waiting customer to zhang, and the front desk's open page announces it (pushed: the desk sent no
 *   read of its own), until 知道了;
 * - the clock moves past the policy's 2 h: the core's clock watch tells the terminals, and the desk announces
 *   each reception open longer than that (not the one that began later), with a finish button that ends it;
 * - with the director's policy at 3 h, the same moment announces nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import {
  byTestId,
  dispatchOk,
  openPage,
  screenshot,
  seedTeamAndRoster,
  seedWalkIns,
  signInAs,
  startWebHarness,
  type WebHarness,
} from './harness';

const DAY = '2026-03-16';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const WAIT_MS = 15_000;

const clock = new ManualClock(at('09:00'));
let h: WebHarness;
const visits: Record<string, number> = {};

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      await seedTeamAndRoster(app);
      const walkIns = ['周杰', '吴敏', '郑爽'].map((name, i) => ({ name, phone: `1380000000${i + 1}` }));
      for (const w of await seedWalkIns(app, clock, at, walkIns)) visits[w.receivedBy!.id] = w.visitId!;
    },
  });
});

afterAll(async () => {
  await h?.close();
});

const notices = (page: Page, kind: 'served' | 'long') => page.locator(byTestId(`notice-${kind}`));

describe('the desk is told, without asking', () => {
  it('a waiting customer given to a consultant who became free, and receptions open past the policy', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(h);
    await signInAs(page, 'qian');
    await page.locator(byTestId('desk')).waitFor();
    await page.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });

    // Nobody is free: the fourth customer waits; nothing to announce yet.
    clock.set(at('09:10'));
    const waiting = await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '孙丽', phone: '13800000004' } });
    expect(waiting.waiting).not.toBeNull();
    expect(await page.locator(byTestId('desk-notices')).count()).toBe(0);

    // zhang finishes at another terminal: the roster serves the waiting customer at once (R-ROS-6).
    clock.set(at('09:30'));
    await dispatchOk(h.app, 'zhang', 'desk.finish', { visit: visits.zhang! });
    const served = notices(page, 'served');
    await served.waitFor({ timeout: WAIT_MS });
    expect(await served.getAttribute('data-consultant')).toBe('zhang');
    expect(await served.innerText()).toContain('等候的客户孙丽已自动分配给张伟（09:30）');
    await screenshot(page, 'desk-notice-served.png');

    // 知道了 removes it at this terminal.
    await page.locator(byTestId(`notice-dismiss-${await served.getAttribute('data-visit')}`)).click();
    await served.waitFor({ state: 'detached' });

    // 11:05: li and wang have been receiving since 09:00 (2 h 5 min), zhang only since 09:30. Nothing was written:
    // the clock watch is what tells the desk.
    clock.set(at('11:05'));
    await h.core.watchClock();
    const long = notices(page, 'long');
    await expect.poll(() => long.count(), { timeout: WAIT_MS }).toBe(2);
    expect((await long.evaluateAll((els) => els.map((e) => e.getAttribute('data-consultant')))).sort()).toEqual(['li', 'wang']);
    expect(await page.locator(`${byTestId('notice-long')}[data-consultant="li"]`).innerText()).toContain(
      '李娜接待吴敏已2小时5分钟（09:00开始，超过2小时）',
    );
    expect(await page.locator(`${byTestId('notice-long')}[data-consultant="li"]`).getAttribute('data-minutes')).toBe('125');
    await screenshot(page, 'desk-notice-long.png');

    // The front desk finishes li's from the notice; wang's stays.
    await page.locator(byTestId(`notice-finish-${visits.li}`)).click();
    await expect.poll(() => long.count(), { timeout: WAIT_MS }).toBe(1);
    expect(await long.getAttribute('data-consultant')).toBe('wang');

    // The director's policy says 3 h: at 11:06 wang's reception is not long any more; the policy change is pushed.
    clock.set(at('11:06'));
    await dispatchOk(h.app, 'dir', 'policy.update', { changes: { receptionLongMinutes: 180 }, reason: '周末客户看房时间长' });
    await page.locator(byTestId('desk-notices')).waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(problems).toEqual([]);
  });
});
