// @vitest-environment node
/**
 * Pushed changes in a real browser (web mode, issue 15 item 6): two terminals signed in as different
 * people — the front desk (page A) and the project manager on the roster board (page B). A walk-in
 * recorded at A shows on B's board without a reload, and B learned of it from the push stream, not by
 * polling: B sent no API call while it sat idle (longer than the old 5-second roster poll), none between
 * the walk-in and the change event it received, and the one read after that event is a background one
 * (it does not extend B's session).
 *
 * What B's browser sends and receives is read from Chromium's own network log (CDP), in the order the
 * browser saw it: the event-stream messages and the requests, one list.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { byTestId, dispatchOk, signInAs, startWebHarness, type WebHarness } from './harness';

/** Waiting for a state is given this long, so a loaded machine does not fail the test. */
const WAIT_MS = 10_000;
/** Longer than the roster poll this replaced (5 s): a poll would have shown in it. */
const IDLE_STRETCH_MS = 6_000;

let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness({
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    },
  });
});

afterAll(async () => {
  await h?.close();
});

type Seen =
  | { kind: 'request'; id: string; method: string; background: boolean }
  | { kind: 'finished'; id: string }
  | { kind: 'event'; name: string; data: string };

/** Everything B's browser sends to /api/ and every event-stream message it receives, in order. */
async function networkLog(page: Page): Promise<{ seen: Seen[]; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const seen: Seen[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    const path = new URL(e.request.url).pathname;
    if (!path.startsWith('/api/')) return;
    const background = Object.entries(e.request.headers).some(([k, v]) => k.toLowerCase() === 'x-salesdesk-background' && v === '1');
    seen.push({ kind: 'request', id: e.requestId, method: path.slice('/api/'.length), background });
  });
  const finished = (e: { requestId: string }) => seen.push({ kind: 'finished', id: e.requestId });
  cdp.on('Network.loadingFinished', finished);
  cdp.on('Network.loadingFailed', finished);
  cdp.on('Network.eventSourceMessageReceived', (e) => seen.push({ kind: 'event', name: e.eventName, data: e.data }));
  await cdp.send('Network.enable');
  return { seen, cdp };
}

/** API requests (not the event stream, which stays open) sent and not yet answered. */
const inFlight = (seen: Seen[]) => {
  const open = new Set<string>();
  for (const s of seen) {
    if (s.kind === 'request' && s.method !== 'events') open.add(s.id);
    if (s.kind === 'finished') open.delete(s.id);
  }
  return open.size;
};

async function until(what: string, ok: () => boolean) {
  await expect.poll(ok, { timeout: WAIT_MS, interval: 20, message: what }).toBe(true);
}

describe('pushed changes between two terminals', () => {
  it("a walk-in at the front desk shows on the project manager's roster board, pushed, not polled", { timeout: 90_000 }, async () => {
    // A: the front desk at the entrance.
    const { page: a, problems: aProblems } = await h.newPage();
    await a.goto(h.baseUrl);
    await signInAs(a, 'qian');
    await a.locator(byTestId('desk')).waitFor();

    // B: the project manager on the roster board, on another machine (its own browser context and session).
    const { page: b, problems: bProblems } = await h.newPage();
    const { seen } = await networkLog(b);
    await b.goto(h.baseUrl);
    await signInAs(b, 'pm');
    await b.keyboard.press('Alt+2');
    await b.locator(`${byTestId('roster-row')}[data-consultant="zhang"]`).waitFor();
    expect(await b.locator(byTestId('roster-next')).innerText()).toBe('张伟');

    // B's stream is open and what it read on opening (the resync, a background read) is answered.
    await b.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });
    await until('the resync after the stream opened', () =>
      seen.some((s) => s.kind === 'request' && s.method === 'roster.today' && s.background),
    );
    await until('B has nothing in flight', () => inFlight(seen) === 0);

    // B sits idle: no call at all.
    const idleFrom = seen.length;
    await b.waitForTimeout(IDLE_STRETCH_MS);
    expect(seen.slice(idleFrom).filter((s) => s.kind === 'request')).toEqual([]);

    // A records a walk-in: zhang receives, so li is next on B's board.
    await a.locator(byTestId('desk-phone')).fill('13800000001');
    await a.locator(byTestId('desk-name')).fill('周杰');
    await a.locator(`${byTestId('verdict')}[data-status="new"][data-fresh="true"]`).waitFor();
    const t0 = performance.now();
    await a.locator(byTestId('desk-name')).press('Enter');
    await b.locator(byTestId('roster-next')).filter({ hasText: '李娜' }).waitFor({ timeout: WAIT_MS });
    const shownAfter = performance.now() - t0;
    console.log(
      `[e2e] walk-in Enter at the front desk → the project manager's board shows the new next (李娜), no reload: ${shownAfter.toFixed(0)} ms`,
    );
    await a.locator(`${byTestId('walkin-result')}[data-consultant="zhang"]`).waitFor();
    expect(await b.locator(`${byTestId('roster-row')}[data-consultant="zhang"] ${byTestId('receiving-badge')}`).innerText()).toContain(
      '周杰',
    );

    // What B's browser saw since the idle stretch: first the change event naming the roster, and only then
    // a read of the roster, a background one.
    const after = seen.slice(idleFrom);
    const change = after.findIndex(
      (s) => s.kind === 'event' && s.name === 'change' && (JSON.parse(s.data) as { areas: string[] }).areas.includes('roster'),
    );
    expect(change, 'B received a change event naming the roster').toBeGreaterThanOrEqual(0);
    expect(after.slice(0, change).filter((s) => s.kind === 'request')).toEqual([]);
    const reads = after.slice(change).filter((s): s is Extract<Seen, { kind: 'request' }> => s.kind === 'request');
    expect(reads.map((r) => r.method)).toContain('roster.today');
    expect(reads.every((r) => r.background)).toBe(true);

    expect(aProblems).toEqual([]);
    expect(bProblems).toEqual([]);
  });

  it(
    'the customer page re-reads when another terminal ends the reception and takes a call, without a reload',
    { timeout: 90_000 },
    async () => {
      const w = await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '何静', phone: '13500006666' } });
      if (w.customerId === null || w.visitId === null || !w.receivedBy) throw new Error('the walk-in was not received');
      const { page, problems } = await h.newPage();
      await page.goto(h.baseUrl);
      await signInAs(page, 'pm');
      await page.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });
      await page.goto(`${h.baseUrl}#/customer/${w.customerId}`);
      const kinds = () => page.locator(byTestId('cust-event')).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      await page.locator(`${byTestId('customer-page')}[data-loaded="true"]`).waitFor({ timeout: WAIT_MS });
      expect(await kinds()).toEqual(['visit']);
      const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

      // the receiving consultant ends the reception at another terminal: the page has it, pushed ('customers')
      await dispatchOk(h.app, w.receivedBy.id, 'desk.finish', { visit: w.visitId });
      await page.locator(`${byTestId('cust-event')}[data-kind="finished"]`).waitFor({ timeout: WAIT_MS });
      // and a call the same consultant takes from the customer
      await dispatchOk(h.app, w.receivedBy.id, 'desk.phoneInquiry', { customer: { name: '何静', phone: '13500006666' }, note: '问车位' });
      await page.locator(`${byTestId('cust-event')}[data-kind="call"]`).waitFor({ timeout: WAIT_MS });
      expect(await kinds()).toEqual(['visit', 'finished', 'call']);
      expect(await page.locator(`${byTestId('cust-event')}[data-kind="call"]`).innerText()).toContain('问车位');
      // the same document all along
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
      expect(problems).toEqual([]);
    },
  );
});
