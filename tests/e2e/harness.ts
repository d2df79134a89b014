/**
 * Browser tests against web mode: a real database (the SQLite file, or PostgreSQL on that run: tests/support/engine.ts), the real HTTP server serving the built renderer,
 * and Debian's Chromium driven by playwright-core. One harness per test file; close() undoes everything.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { App } from '../../src/app';
import type { Clock } from '../../src/domain/clock';
import { createCore, type Core } from '../../src/core';
import { createWebServer } from '../../src/server/http';
import { expect } from 'vitest';
import { DEMO_PINS, DEMO_TEAM } from '../../renderer/lib/demoTeam';
import type { MethodName } from '../../src/api/spec';
import type { Output } from '../support/app';
import { openTestEngineApp } from '../support/engine';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
export const OUTPUT_DIR = path.join(ROOT, 'test-output', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 };

/** `npm test` builds first; running this file alone builds when the output is missing. */
/** The CSS selector of an element by its data-testid. */
export const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** The text of the first element with this data-testid. */
export const firstText = (page: Page, id: string): Promise<string> => page.locator(byTestId(id)).first().innerText();

/** Calls the API as a person (null: nobody signed in) and returns the value; a refusal fails the test, naming the method. */
export async function dispatchOk<M extends MethodName>(
  app: App,
  staffId: string | null,
  method: M,
  input: unknown = {},
): Promise<Output<M>> {
  const { result } = await app.dispatch(staffId ? { staffId } : null, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  // dispatch answers any name with unknown; for a contract method it is that method's output
  return result.value as Output<M>;
}

/** A seed's dispatch as `app`'s staff, requiring success (dispatchOk bound to the app being seeded). */
export const okFor =
  (app: App) =>
  <M extends MethodName>(staffId: string | null, method: M, input: unknown = {}): Promise<Output<M>> =>
    dispatchOk(app, staffId, method, input);

/**
 * The office day several browser tests start from: the demo team set up, the roster 张伟, 李娜, 王芳, and three
 * walk-ins each confirmed by the PM and finished — 周杰 at 09:30 and 吴敏 at 10:40 (asking for 张伟), both
 * 张伟's, 孙丽 at 14:10, 李娜's (checked: a different roster order throws). `at` gives the office's clock time.
 */
export async function seedThreeVisits(
  app: App,
  clock: { set(d: Date): void },
  at: (hhmm: string) => Date,
  team: readonly unknown[],
): Promise<{ zhou: number; wu: number; sun: number }> {
  const ok = okFor(app);
  await ok(null, 'setup.firstRun', { staff: team });
  await ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  const visit = async (hhmm: string, name: string, phone: string, asksFor?: string) => {
    clock.set(at(hhmm));
    const w = await ok('qian', 'desk.walkIn', { customer: { name, phone }, ...(asksFor ? { asksFor } : {}) });
    await ok('pm', 'registration.confirm', { visit: w.visitId });
    await ok(w.receivedBy!.id, 'desk.finish', { visit: w.visitId });
    return { receivedBy: w.receivedBy!, customerId: w.customerId! };
  };
  const a = await visit('09:30', '周杰', '13812345678');
  const b = await visit('10:40', '吴敏', '13900001111', 'zhang');
  const c = await visit('14:10', '孙丽', '13700002222');
  if (a.receivedBy.id !== 'zhang' || b.receivedBy.id !== 'zhang' || c.receivedBy.id !== 'li') throw new Error('roster order');
  return { zhou: a.customerId, wu: b.customerId, sun: c.customerId };
}

/** The demo team set up (or `team`) and today's roster 张伟, 李娜, 王芳 (or `order`): where most browser tests' offices start. */
export async function seedTeamAndRoster(app: App, options: { team?: readonly unknown[]; order?: readonly string[] } = {}): Promise<void> {
  const ok = okFor(app);
  await ok(null, 'setup.firstRun', { staff: options.team ?? DEMO_TEAM });
  await ok('mgr', 'roster.start', { order: options.order ?? ['zhang', 'li', 'wang'] });
}

/** One walk-in of a seed: at `at` on the office clock (else whenever the clock stands), received by `receivedBy` (checked). */
export interface SeedWalkIn {
  name: string;
  phone: string;
  at?: string;
  receivedBy?: string;
}

/** The day's three walk-ins several tests seed: 周杰 at 09:30, 吴敏 at 10:40, 孙丽 at `third`. */
export const threeWalkIns = (third: string): SeedWalkIn[] => [
  { at: '09:30', name: '周杰', phone: '13812345678' },
  { at: '10:40', name: '吴敏', phone: '13900001111' },
  { at: third, name: '孙丽', phone: '13700002222' },
];

/**
 * Walk-ins at the front desk (qian), in order, each at its time on the office clock (`at` gives the Date of an
 * hh:mm); a receiver other than the one named throws 'roster order'. Then, for each in turn: `finish` ends the
 * reception (by whoever received it), `confirm` has the PM confirm the registration. Returns the walk-ins' answers.
 */
export async function seedWalkIns(
  app: App,
  clock: { set(d: Date): void },
  at: (hhmm: string) => Date,
  walkIns: readonly SeedWalkIn[],
  after: { finish?: boolean; confirm?: boolean } = {},
): Promise<Output<'desk.walkIn'>[]> {
  const ok = okFor(app);
  const answers: Output<'desk.walkIn'>[] = [];
  for (const { name, phone, at: hhmm, receivedBy } of walkIns) {
    if (hhmm !== undefined) clock.set(at(hhmm));
    const w = await ok('qian', 'desk.walkIn', { customer: { name, phone } });
    if (receivedBy !== undefined && w.receivedBy?.id !== receivedBy) throw new Error('roster order');
    if (after.finish) await ok(w.receivedBy!.id, 'desk.finish', { visit: w.visitId });
    if (after.confirm) await ok('pm', 'registration.confirm', { visit: w.visitId });
    answers.push(w);
  }
  return answers;
}

/**
 * The morning of several browser tests: the team and the roster (seedTeamAndRoster), the walk-ins (seedWalkIns),
 * then at `confirmAt` (default 09:40) the PM confirms each registration. Returns the walk-ins' answers.
 */
export async function seedConfirmedWalkIns(
  app: App,
  clock: { set(d: Date): void },
  at: (hhmm: string) => Date,
  walkIns: readonly SeedWalkIn[],
  confirmAt = '09:40',
): Promise<Output<'desk.walkIn'>[]> {
  await seedTeamAndRoster(app);
  const answers = await seedWalkIns(app, clock, at, walkIns);
  clock.set(at(confirmAt));
  for (const w of answers) await okFor(app)('pm', 'registration.confirm', { visit: w.visitId });
  return answers;
}

export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  // vitest sets NODE_ENV=test, under which vite would build React's development bundle (StrictMode's doubled
  // effects: every read sent twice, each audited read logged twice): build what npm run build:renderer builds
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export interface WebHarness {
  app: App;
  /** the core the server serves (its clock watch: core.watchClock after moving an injected clock) */
  core: Core;
  baseUrl: string;
  browser: Browser;
  /** a fresh browser context (its own cookies, so its own session) at 1280×800 */
  newPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  close(): Promise<void>;
}

export async function startWebHarness(
  options: { seed?: (app: App) => Promise<void>; clock?: Clock; serverNow?: () => number } = {},
): Promise<WebHarness> {
  ensureRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-e2e-'));
  const opened = await openTestEngineApp({ dir, ...(options.clock ? { clock: options.clock } : {}) });
  // Every call goes through the core, as in web mode: the test's own dispatches (seeding, a colleague acting
  // at another terminal) are announced on the pages' /api/events streams like the pages' calls are.
  const core = createCore(opened, { warn: () => {} });
  const app: App = new Proxy(opened, { get: (target, key) => (key === 'dispatch' ? core.dispatch : Reflect.get(target, key, target)) });
  let server: ReturnType<typeof createWebServer> | null = null;
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await options.seed?.(app);
    // serverNow: the web server's wall clock for idle sessions (a test moves it to end a session)
    server = createWebServer(core, { staticDir: RENDERER_DIR, ...(options.serverNow ? { now: options.serverNow } : {}) });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const b = browser;
    return {
      app,
      core,
      baseUrl: `http://127.0.0.1:${port}/`,
      browser: b,
      async newPage() {
        const context = await b.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        const page = await context.newPage();
        // Page errors and CSP refusals fail the test; the 4xx answers the API gives on purpose do not.
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
            problems.push(`console: ${m.text()}`);
        });
        return { context, page, problems };
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * A fresh page (its own session) at `viewport` (default 1366×768) opened at `hash`; with `now`, the page's own
 * clock stands still there (the office's time, not the machine's). Its context closes with the harness.
 */
export async function openPage(
  h: WebHarness,
  hash = '',
  options: { now?: Date; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await h.newPage();
  await page.setViewportSize(options.viewport ?? { width: 1366, height: 768 });
  if (options.now) await page.clock.setFixedTime(options.now);
  await page.goto(h.baseUrl + hash);
  return { page, problems };
}

/** Attribute values of the elements matching a selector, in document order. */
export async function attrs(page: Page, selector: string, attribute: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attribute);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, name);
  await page.screenshot({ path: file });
  return file;
}

/**
 * The PIN step of the staff picker, by keyboard: once the person is chosen the PIN field has the focus;
 * type the PIN, Enter.
 */
export async function enterPin(page: Page, pin: string): Promise<void> {
  await page.locator('[data-testid="pin-input"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pin-input');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}

/**
 * Makes `staffId` the acting person the way a person at the desk does: on the sign-in screen by choosing
 * them, otherwise F2, typing to filter, Enter; then their PIN. With `name`, checks the header shows it.
 */
export async function signInAs(page: Page, staffId: string, name?: string): Promise<void> {
  await page
    .locator(`${byTestId('sign-in')}, ${byTestId('acting-person')}[data-staff]:not([data-staff=""])`)
    .first()
    .waitFor();
  if (await page.locator(byTestId('sign-in')).count()) {
    await page.locator(byTestId(`staff-option-${staffId}`)).click();
  } else {
    await page.keyboard.press('F2');
    await page.locator(byTestId('staff-picker')).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'staff-filter');
    await page.keyboard.type(staffId);
    await page.keyboard.press('Enter');
  }
  await enterPin(page, DEMO_PINS[staffId]!);
  await page.locator(`${byTestId('acting-person')}[data-staff="${staffId}"]`).waitFor();
  if (name !== undefined) expect(await page.locator(byTestId('acting-person')).first().innerText()).toBe(name);
  await page.locator(byTestId('staff-picker')).waitFor({ state: 'detached' });
}
