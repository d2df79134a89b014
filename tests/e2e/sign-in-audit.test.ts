// @vitest-environment node
/**
 * Signing in with a PIN at one shared terminal, masked numbers and the audit log, in a real browser (web
 * mode), on a fixed office clock (16 March 2026):
 *
 * - 张伟 owns 周杰 (set up through the API). 李娜 signs in with her PIN and opens 周杰's page: the number
 *   is masked (138****5678) with the note 号码已隐藏（非本人客户）.
 * - At the same terminal: F2, 刘强, a wrong PIN → "还可以再试 4 次" in place, still 李娜; then his PIN →
 *   刘强 acts and the same page shows the full number.
 * - Five wrong PINs lock 王芳 (the message says locked; even her right PIN is then refused).
 * - The audit screen lists both reads of 周杰 (李娜 hidden, 刘强 full number), filters by person, action
 *   and date, and shows the lock.
 * - After 15 idle minutes the server ends the session: the next call drops the acting person and the
 *   sign-in picker says why.
 * - The director: staff administration (add with a PIN, change roles, the server's refusal to leave no
 *   director or admin, deactivate with a confirmation, reset a PIN that also lifts the lock); settings
 *   (policy as percentages sent as basis points, with a reason and the version history; backup now,
 *   verify, restore with a typed confirmation — on PostgreSQL the group's dump, whose restore the running app
 *   refuses with the restore-group command to run instead; the web-mode note); the desk's backup banners.
 * - First run: the demo team's PINs are shown, labelled 示例; the own-team form asks the director's PIN.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PINS, DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { ManualClock } from '../../src/domain/clock';
import { attrs, byTestId, dispatchOk, enterPin, firstText, screenshot, startWebHarness, type WebHarness } from './harness';
import type { MethodName } from '../../src/api/spec';
import { onPostgres } from '../support/engine';

const DAY = '2026-03-16';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const PHONE = '13812345678';

const clock = new ManualClock(at('09:00'));
/** The web server's wall clock for idle sessions: moved forward to end a session. */
let idleOffset = 0;
let h: WebHarness;
let customer = 0;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    serverNow: () => Date.now() + idleOffset,
    seed: async (app) => {
      const call = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(app, staffId, method, input);
      await call(null, 'setup.firstRun', { staff: DEMO_TEAM });
      await call('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
      clock.set(at('09:30'));
      const w = await call('qian', 'desk.walkIn', { customer: { name: '周杰', phone: PHONE } });
      if (w.receivedBy?.id !== 'zhang') throw new Error('roster order');
      await call('pm', 'registration.confirm', { visit: w.visitId });
      customer = w.customerId!;
    },
  });
  clock.set(at('10:00'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await h?.close();
});

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
const acting = (page: Page, staffId: string) => page.locator(`${byTestId('acting-person')}[data-staff="${staffId}"]`).waitFor();

async function open(path = '') {
  const { context, page, problems } = await h.newPage();
  contexts.push(context);
  await page.clock.setFixedTime(clock.now());
  await page.goto(h.baseUrl + path);
  return { page, problems };
}

/** F2, the name typed, Enter: the PIN field has the focus. */
async function choose(page: Page, staffId: string) {
  await page.keyboard.press('F2');
  await page.locator(byTestId('staff-picker')).waitFor();
  expect(await focused(page)).toBe('staff-filter');
  await page.keyboard.type(staffId);
  await page.keyboard.press('Enter');
  await page.locator(`${byTestId('pin-form')}[data-staff="${staffId}"]`).waitFor();
}

/** Types a PIN and Enter, and waits for the server's refusal shown in place. */
async function wrongPin(page: Page, pin: string) {
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pin-input');
  const before = await page.locator(byTestId('pin-error')).count();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  // the field clears and the message (re)appears
  await page.waitForFunction((had) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="pin-input"]');
    const error = document.querySelector('[data-testid="pin-error"]');
    return !!input && input.value === '' && !input.readOnly && !!error && (had === 0 || error.textContent !== '');
  }, before);
  return firstText(page, 'pin-error');
}

async function signInAs(page: Page, staffId: string, pin = DEMO_PINS[staffId]!) {
  await choose(page, staffId);
  await enterPin(page, pin);
  await acting(page, staffId);
  await page.locator(byTestId('staff-picker')).waitFor({ state: 'detached' });
}

async function openAdmin(page: Page, route: 'staff' | 'settings' | 'audit') {
  await page.locator(byTestId('nav-admin')).click();
  await page.locator(byTestId(`nav-${route}`)).click();
  await page.locator(byTestId(`${route}-screen`)).waitFor();
}

const auditRows = (page: Page, method?: string) => `${byTestId('audit-row')}${method ? `[data-method="${method}"]` : ''}`;
/** Waits for the audit list to have answered the current filters. */
const auditLoaded = (page: Page) => page.locator(`${byTestId('audit-log')}[data-loaded="true"]`).waitFor();

describe('PIN sign-in at a shared terminal, masked numbers, the audit log', () => {
  it(
    '李娜 sees 138****5678, 刘强 (F2 + PIN) the full number; a lock; the audit lists both reads; the idle timeout',
    { timeout: 90_000 },
    async () => {
      const { page, problems } = await open(`#/customer/${customer}`);

      // Nobody is acting: the sign-in picker, its filter focused. 李娜 by keyboard: name, Enter, PIN, Enter.
      await page.locator(byTestId('sign-in')).waitFor();
      expect(await focused(page)).toBe('staff-filter');
      await page.keyboard.type('li');
      await page.keyboard.press('Enter');
      await page.locator(`${byTestId('pin-form')}[data-staff="li"]`).waitFor();
      expect(await firstText(page, 'pin-person')).toBe('李娜');
      expect(await page.locator(byTestId('pin-input')).getAttribute('type')).toBe('password');
      // digits only
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pin-input');
      await page.keyboard.type('2a0b02');
      expect(await page.locator(byTestId('pin-input')).inputValue()).toBe('2002');
      await page.keyboard.press('Enter');
      await acting(page, 'li');

      // Her colleague's customer: the number masked as the server gave it, and the note.
      const custPage = page.locator(`${byTestId('customer-page')}[data-customer="${customer}"][data-loaded="true"]`);
      await custPage.waitFor();
      expect(await firstText(page, 'cust-name')).toBe('周杰');
      expect(await firstText(page, 'cust-phone')).toMatch(/^138\*{4}5678$/);
      expect(await page.locator(byTestId('cust-phone')).getAttribute('data-masked')).toBe('true');
      expect(await firstText(page, 'cust-phone-masked')).toBe('号码已隐藏（非本人客户）');
      expect(await page.locator(byTestId('cust-owner')).getAttribute('data-staff')).toBe('zhang');
      await screenshot(page, 'customer-masked.png');

      // 刘强 at the same terminal: F2, his name, Enter; a wrong PIN first — the server's message in place.
      await choose(page, 'pm');
      expect(await wrongPin(page, '0000')).toBe('PIN 不正确（还可以再试 4 次）');
      expect(await focused(page)).toBe('pin-input');
      expect(await page.locator(byTestId('acting-person')).getAttribute('data-staff')).toBe('li');
      await screenshot(page, 'sign-in-wrong-pin.png');
      // Typing again clears the message; his PIN signs him in.
      await page.keyboard.type(DEMO_PINS.pm!);
      expect(await page.locator(byTestId('pin-error')).count()).toBe(0);
      await page.keyboard.press('Enter');
      await acting(page, 'pm');
      await page.locator(byTestId('staff-picker')).waitFor({ state: 'detached' });
      expect(await firstText(page, 'acting-person')).toBe('刘强');

      // The same page, asked again as 刘强: the full number, no note.
      await custPage.waitFor();
      await page.locator(`${byTestId('cust-phone')}[data-masked="false"]`).waitFor();
      expect(await firstText(page, 'cust-phone')).toBe(PHONE);
      expect(await page.locator(byTestId('cust-phone-masked')).count()).toBe(0);

      // Five wrong PINs lock 王芳; then even her right PIN is refused, saying locked.
      await choose(page, 'wang');
      for (const left of [4, 3, 2, 1]) expect(await wrongPin(page, '9999')).toBe(`PIN 不正确（还可以再试 ${left} 次）`);
      const locked = await wrongPin(page, '9999');
      expect(locked).toContain('已锁定');
      expect(locked).toContain('王芳');
      expect(await wrongPin(page, DEMO_PINS.wang!)).toMatch(/王芳 的 PIN 连续输错 5 次，已锁定，请 \d+ 分钟后再试/);
      await screenshot(page, 'sign-in-locked.png');
      // Esc back to the list, Esc closes: 刘强 still acts.
      await page.keyboard.press('Escape');
      await page.locator(byTestId('staff-filter')).waitFor();
      await page.keyboard.press('Escape');
      await page.locator(byTestId('staff-picker')).waitFor({ state: 'detached' });
      expect(await page.locator(byTestId('acting-person')).getAttribute('data-staff')).toBe('pm');

      // ---- the audit log ----
      await openAdmin(page, 'audit');
      await auditLoaded(page);
      // Filter by the customer, picked as typed: exactly the two reads, newest first.
      await page.locator(byTestId('audit-customer')).click();
      await page.keyboard.type('周杰');
      await page.locator(`${byTestId('customer-option')}[data-customer="${customer}"]`).waitFor();
      await page.keyboard.press('Enter');
      await page.locator(`${byTestId('audit-customer-chosen')}[data-customer="${customer}"]`).waitFor();
      await page
        .locator(`${auditRows(page)}[data-customer="${customer}"]`)
        .first()
        .waitFor();
      await auditLoaded(page);
      const reads = auditRows(page, 'customer.read');
      expect(await attrs(page, auditRows(page), 'data-method')).toEqual(['customer.read', 'customer.read']);
      expect(await attrs(page, reads, 'data-actor')).toEqual(['pm', 'li']);
      expect(await attrs(page, reads, 'data-full')).toEqual(['true', 'false']);
      const readTexts = await page.locator(`${reads} ${byTestId('audit-read-text')}`).allInnerTexts();
      expect(readTexts).toEqual(['查看了客户 周杰 的资料（完整号码）', '查看了客户 周杰 的资料（已隐藏）']);
      expect(await page.locator(`${reads} .audit-who`).allInnerTexts()).toEqual(['刘强', '李娜']);
      expect(await page.locator(`${reads}[data-actor="li"]`).innerText()).toContain('2026年3月16日');
      await screenshot(page, 'audit-customer.png');

      // By person: 李娜 signed in once and read once.
      await page.locator(byTestId('audit-customer-clear')).click();
      await page.locator(byTestId('audit-actor')).selectOption('li');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="audit-row"]')].every((r) => r.getAttribute('data-actor') === 'li'),
      );
      await auditLoaded(page);
      expect(await attrs(page, auditRows(page), 'data-method')).toEqual(['customer.read', 'session.signIn']);
      // By action: the lock, and 刘强's wrong PIN.
      await page.locator(byTestId('audit-actor')).selectOption('');
      await page.locator(byTestId('audit-action')).selectOption('session.locked');
      await page.locator(auditRows(page, 'session.locked')).waitFor();
      await auditLoaded(page);
      expect(await attrs(page, auditRows(page), 'data-actor')).toEqual(['wang']);
      expect(await firstText(page, 'audit-detail')).toBe('PIN 连续输错 5 次，已锁定 1 分钟');
      await page.locator(byTestId('audit-action')).selectOption('session.wrongPin');
      await page.locator(`${auditRows(page, 'session.wrongPin')}[data-actor="pm"]`).waitFor();
      await auditLoaded(page);
      expect((await attrs(page, auditRows(page), 'data-actor')).sort()).toEqual(['pm', 'wang', 'wang', 'wang', 'wang']);
      // By date: the day after has nothing.
      await page.locator(byTestId('audit-action')).selectOption('');
      await page.locator(byTestId('audit-from')).fill('2026-03-17');
      await page.locator(byTestId('audit-empty')).waitFor();
      expect(await firstText(page, 'audit-empty')).toBe('没有符合筛选条件的记录。');
      await page.locator(byTestId('audit-from')).fill(DAY);
      await page.locator(auditRows(page)).first().waitFor();
      // Everything, newest first; the first run's PINs never show.
      await page.locator(byTestId('audit-clear')).click();
      await page.locator(auditRows(page, 'setup.firstRun')).waitFor();
      await auditLoaded(page);
      const all = await attrs(page, auditRows(page), 'data-method');
      expect(all.at(-1)).toBe('setup.firstRun');
      expect(all).toEqual(
        expect.arrayContaining([
          'customer.read',
          'session.signIn',
          'session.locked',
          'desk.walkIn',
          'registration.confirm',
          'roster.start',
        ]),
      );
      const firstRun = await page.locator(auditRows(page, 'setup.firstRun')).innerText();
      expect(firstRun).toContain('赵总');
      for (const m of DEMO_TEAM) expect(firstRun).not.toContain(m.pin);
      expect(await page.locator(`${auditRows(page, 'desk.walkIn')}`).innerText()).toContain('周杰');
      await screenshot(page, 'audit.png');

      // ---- 15 idle minutes later the server has ended the session: the next call shows the picker ----
      idleOffset += 16 * 60_000;
      await page.locator(byTestId('audit-action')).selectOption('customer.read');
      await page.locator(byTestId('sign-in')).waitFor();
      expect(await page.locator(byTestId('acting-person')).getAttribute('data-staff')).toBe('');
      expect(await firstText(page, 'session-lost')).toContain('登录已超时');
      expect(await focused(page)).toBe('staff-filter');
      await screenshot(page, 'session-expired.png');
      // Signing in again goes back to where the person was.
      await page.keyboard.type('pm');
      await page.keyboard.press('Enter');
      await enterPin(page, DEMO_PINS.pm!);
      await acting(page, 'pm');
      await page.locator(byTestId('audit-screen')).waitFor();
      expect(await page.locator(byTestId('session-lost')).count()).toBe(0);

      expect(problems).toEqual([]);
    },
  );

  it('the director administers staff, the policy (percent ↔ basis points) and backups; the desk warns', { timeout: 90_000 }, async () => {
    clock.set(at('11:00'));
    const { page, problems } = await open();
    await page.locator(byTestId('sign-in')).waitFor();
    await page.locator(byTestId('staff-option-dir')).click();
    await enterPin(page, DEMO_PINS.dir!);
    await acting(page, 'dir');

    // The desk: no backup yet — the banner, with a link for the director; the header chip too.
    await page.locator(byTestId('desk')).waitFor();
    expect(await firstText(page, 'backup-stale-banner')).toContain('还没有任何有效备份');
    expect(await page.locator(byTestId('backup-stale-link')).getAttribute('href')).toBe('#/settings');
    expect(await page.locator(byTestId('header-backup-warning')).getAttribute('data-kind')).toBe('stale');
    expect(await focused(page)).toBe('desk-phone');

    // ---- staff ----
    await openAdmin(page, 'staff');
    const row = (id: string) => page.locator(`${byTestId('staff-row')}[data-staff="${id}"]`);
    await row('dir').waitFor();
    // the picker's order: director, manager, PM, desk, then the consultants
    const ids = await attrs(page, byTestId('staff-row'), 'data-staff');
    expect(ids.slice(0, 4)).toEqual(['dir', 'mgr', 'pm', 'qian']);
    expect([...ids].sort()).toEqual(DEMO_TEAM.map((m) => m.id).sort());
    expect(await row('dir').locator(byTestId('staff-deactivate')).isDisabled()).toBe(true);

    // Add 孙悦, consultant and front desk, with an initial PIN.
    await page.locator(byTestId('staff-add-open')).click();
    expect(await focused(page)).toBe('staff-add-name');
    await page.locator(byTestId('staff-add-name')).fill('孙悦');
    await page.locator(byTestId('staff-add-id')).fill('sunyue');
    await page.locator(byTestId('staff-add-pin')).fill('24x68');
    expect(await page.locator(byTestId('staff-add-pin')).inputValue()).toBe('2468');
    expect(await page.locator(byTestId('staff-add-role-consultant')).isChecked()).toBe(true);
    await page.locator(byTestId('staff-add-submit')).click();
    await row('sunyue').waitFor();
    expect(await row('sunyue').locator(byTestId('staff-pin-state')).getAttribute('data-has-pin')).toBe('true');
    expect(await firstText(page, 'staff-done')).toBe('已添加 孙悦（编号 sunyue）');
    // Without roles the server refuses, in place.
    await page.locator(byTestId('staff-add-name')).fill('周敏');
    await page.locator(byTestId('staff-add-role-consultant')).uncheck();
    await page.locator(byTestId('staff-add-submit')).click();
    expect(await firstText(page, 'staff-add-error')).toContain('至少选择一个角色');
    await page.locator(byTestId('staff-add-name')).fill('');
    expect(await page.locator(byTestId('staff-add-error')).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator(byTestId('staff-add')).waitFor({ state: 'detached' });

    // Change roles: 孙悦 also works the front desk.
    await row('sunyue').locator(byTestId('staff-edit-roles')).click();
    const dialog = page.locator(byTestId('staff-dialog'));
    await dialog.locator(byTestId('staff-role-front_desk')).check();
    await dialog.locator(byTestId('dialog-confirm')).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row('sunyue').locator(byTestId('staff-roles')).innerText()).toBe('售楼员、接待台');

    // The server refuses to leave no director or admin: its message in the dialog.
    await row('dir').locator(byTestId('staff-edit-roles')).click();
    await dialog.locator(byTestId('staff-role-sales_director')).uncheck();
    await dialog.locator(byTestId('staff-role-admin')).uncheck();
    await dialog.locator(byTestId('staff-role-sales_manager')).check();
    await dialog.locator(byTestId('dialog-confirm')).click();
    expect(await dialog.locator(byTestId('dialog-error')).innerText()).toBe('至少要保留一位在职的管理员或销售总监');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await row('dir').locator(byTestId('staff-roles')).innerText()).toBe('销售总监、系统管理员');

    // Reset 王芳's PIN (she is locked): the lock goes with it.
    await row('wang').locator(byTestId('staff-reset-pin')).click();
    await dialog.locator(byTestId('staff-new-pin')).fill('8642');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await firstText(page, 'staff-done')).toBe('已重设 王芳 的 PIN');

    // Deactivate 赵磊, after a confirmation: greyed, never deleted, gone from the picker.
    await row('zhao').locator(byTestId('staff-deactivate')).click();
    expect(await dialog.innerText()).toContain('停用 赵磊？停用后不能再登录');
    await dialog.locator(byTestId('dialog-confirm')).click();
    await page.locator(`${byTestId('staff-row')}[data-staff="zhao"][data-active="false"]`).waitFor();
    expect(await row('zhao').locator(byTestId('staff-status')).innerText()).toBe('已停用');
    expect(await row('zhao').evaluate((el) => getComputedStyle(el.querySelector('td')!).color)).not.toBe(
      await row('li').evaluate((el) => getComputedStyle(el.querySelector('td')!).color),
    );
    expect(await row('zhao').locator(byTestId('staff-reactivate')).count()).toBe(1);
    await page.locator(byTestId('staff-screen')).evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'staff.png');
    await page.keyboard.press('F2');
    await page.locator(byTestId('staff-option-sunyue')).waitFor();
    await expect.poll(() => page.locator(byTestId('staff-option-zhao')).count()).toBe(0);
    await page.keyboard.press('Escape');

    // ---- settings: the policy ----
    await openAdmin(page, 'settings');
    const policyRow = (key: string) => page.locator(`${byTestId('policy-row')}[data-key="${key}"]`);
    await policyRow('protectionMonths').waitFor();
    expect(await firstText(page, 'policy-in-force')).toBe('全部为默认值（尚未修改过）');
    expect(await policyRow('identifiedOriginalBps').locator(byTestId('policy-current')).innerText()).toBe('50%');
    expect(await policyRow('protectionMonths').locator(byTestId('policy-current')).innerText()).toBe('1 个月');
    expect(await page.locator(byTestId('policy-input-identifiedOriginalBps')).inputValue()).toBe('50');
    // A bad percentage is refused before anything is sent.
    await page.locator(byTestId('policy-input-identifiedOriginalBps')).fill('150');
    expect(await policyRow('identifiedOriginalBps').locator('.field-error').innerText()).toContain('0 到 100');
    expect(await page.locator(byTestId('policy-submit')).isDisabled()).toBe(true);
    await page.locator(byTestId('policy-input-identifiedOriginalBps')).fill('62.5');
    await page.locator(byTestId('policy-input-protectionMonths')).fill('2');
    expect(await firstText(page, 'policy-summary')).toContain('将修改 2 项');
    expect(await firstText(page, 'policy-summary')).toContain('50% → 62.5%');
    // A reason is asked for.
    await page.locator(byTestId('policy-submit')).click();
    expect(await firstText(page, 'policy-error')).toBe('请填写修改原因');
    await page.locator(byTestId('policy-reason')).fill('总部调整认定客户的分佣比例');
    await page.locator(byTestId('policy-reason')).press('Enter');
    await page.locator(byTestId('policy-saved')).waitFor();
    // Sent as basis points: 62.5% → 6250.
    await page.locator(`${byTestId('policy-row')}[data-key="identifiedOriginalBps"][data-value="6250"]`).waitFor();
    expect(await policyRow('identifiedOriginalBps').locator(byTestId('policy-current')).innerText()).toBe('62.5%');
    expect(await policyRow('protectionMonths').getAttribute('data-value')).toBe('2');
    const { current } = await dispatchOk(h.app, 'dir', 'policy.get');
    expect(current.identifiedOriginalBps).toBe(6250);
    expect(current.protectionMonths).toBe(2);
    // The version history: who, when, what changed.
    expect(await firstText(page, 'policy-in-force')).toContain('2026年3月16日 11:00');
    const version = page.locator(byTestId('policy-version')).first();
    expect(await version.innerText()).toContain('赵总');
    expect(await version.innerText()).toContain('期限内认定时原售楼员所占比例：50% → 62.5%');
    expect(await version.innerText()).toContain('登记保护期：1 个月 → 2 个月');
    expect(await page.locator(byTestId('policy-save')).count()).toBe(0);
    // A pending change (the save bar), then the page from its top.
    await page.locator(byTestId('policy-input-lunchDeskSize')).fill('3');
    await page.locator(byTestId('policy-save')).waitFor();
    await screenshot(page, 'settings-policy-change.png');
    await page.locator(byTestId('settings-screen')).evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'settings.png');
    await page.locator(byTestId('policy-reset')).click();
    await page.locator(byTestId('policy-save')).waitFor({ state: 'detached' });

    // ---- settings: backups ----
    const panel = page.locator(byTestId('backup-panel'));
    await panel.scrollIntoViewIfNeeded();
    await page.locator(`${byTestId('backup-last')}[data-stale="true"]`).waitFor();
    expect(await firstText(page, 'backup-list-empty')).toBe('还没有备份。');
    // an office's copy of its SQLite file, or the group's pg_dump verified in a scratch database
    const copy = `salesdesk-20260316-110000.${onPostgres() ? 'dump' : 'sqlite'}`;
    await page.locator(byTestId('backup-now')).click();
    await page.locator(byTestId('backup-now-done')).waitFor();
    expect(await firstText(page, 'backup-now-done')).toMatch(new RegExp(`^已备份并校验通过：${copy.replace('.', '\\.')}`));
    await page.locator(`${byTestId('backup-last')}[data-stale="false"]`).waitFor();
    // the list (backup.list) is re-read beside the status that data-stale marks
    await expect.poll(() => attrs(page, byTestId('backup-row'), 'data-file')).toEqual([copy]);
    // The warning is gone from the header.
    await page.locator(byTestId('header-backup-warning')).waitFor({ state: 'detached' });
    await page.locator(byTestId('backup-verify')).click();
    await page.locator(byTestId('verify-result')).waitFor();
    expect(await page.locator(byTestId('verify-result')).getAttribute('data-ok')).toBe('true');
    expect(await firstText(page, 'verify-result')).toMatch(/^账本完整：共 \d+ 条记录/);
    // Restore: a warning and a typed confirmation.
    clock.set(at('11:05'));
    await page.locator(`${byTestId('backup-row')}[data-file="${copy}"] ${byTestId('backup-restore')}`).click();
    const restore = page.locator(byTestId('restore-dialog'));
    await restore.waitFor();
    expect(await firstText(page, 'restore-warning')).toContain('此后的所有来访、登记、成交等记录都将不在当前数据库中');
    expect(await focused(page)).toBe('dialog-reason');
    await page.keyboard.press('Enter');
    expect(await restore.locator(byTestId('dialog-error')).innerText()).toBe('请输入“恢复”确认');
    await page.keyboard.type('恢复');
    await page.locator(byTestId('access-note')).scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-backups.png');
    await page.keyboard.press('Enter');
    if (onPostgres()) {
      // several app servers share the group's database: never restored under them, the command instead
      const refused = restore.locator(byTestId('dialog-error'));
      await refused.waitFor();
      expect(await refused.innerText()).toContain(`npm run salesdesk -- restore-group ${copy}`);
      expect(await page.locator(byTestId('restore-done')).count()).toBe(0);
      await page.keyboard.press('Escape');
      await restore.waitFor({ state: 'detached' });
      expect(await attrs(page, byTestId('backup-row'), 'data-file')).toEqual([copy]);
    } else {
      await page.locator(byTestId('restore-done')).waitFor();
      expect(await firstText(page, 'restore-done')).toBe(
        '已从 salesdesk-20260316-110000.sqlite 恢复；恢复前的数据库已另存为 salesdesk-20260316-110500.sqlite。',
      );
      await page.locator(`${byTestId('backup-row')}[data-file="salesdesk-20260316-110500.sqlite"]`).waitFor();
    }
    // The web-mode note.
    const note = await firstText(page, 'access-note');
    expect(note).toContain('127.0.0.1');
    expect(note).toContain('SALESDESK_LAN=1');

    // ---- the desk's banners: a stale backup and a read-only database (backup.status answered here) ----
    await page.route('**/api/backup.status', (route) =>
      route.fulfill({
        json: {
          ok: true,
          value: {
            persistent: true,
            lastGood: { file: 'salesdesk-20260313-090000.sqlite', at: at('09:00').toISOString().replace('16T', '13T'), ageHours: 74 },
            stale: true,
            readOnly: { cause: 'damaged', detail: '测试', lastGood: null },
          },
        },
      }),
    );
    await page.reload();
    await acting(page, 'dir');
    await page.keyboard.press('Alt+1');
    await page.locator(byTestId('desk')).waitFor();
    expect(await firstText(page, 'backup-stale-banner')).toContain('最近一次有效备份已超过两天');
    expect(await firstText(page, 'readonly-banner')).toContain('数据库文件已损坏（测试）');
    expect(await page.locator(byTestId('readonly-banner')).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(180, 35, 24)');
    expect(await page.locator(byTestId('header-backup-warning')).getAttribute('data-kind')).toBe('read-only');
    await screenshot(page, 'desk-warnings.png');
    await page.unroute('**/api/backup.status');

    // The reset PIN works (and the lock is gone); so does the new person's.
    await signInAs(page, 'wang', '8642');
    await signInAs(page, 'sunyue', '2468');
    expect(await firstText(page, 'acting-person')).toBe('孙悦');

    expect(problems).toEqual([]);
  });
});

describe('first run', () => {
  let fresh: WebHarness;
  beforeAll(async () => {
    fresh = await startWebHarness();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('the own team needs the director’s PIN; the demo team’s PINs are shown, labelled 示例', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await fresh.newPage();
    contexts.push(context);
    await page.goto(fresh.baseUrl);
    await page.locator(byTestId('first-run')).waitFor();

    // Own team: a director without a PIN is pointed at.
    const rows = page.locator(byTestId('first-run-row'));
    await rows.nth(0).locator('input').nth(0).fill('boss');
    await rows.nth(0).locator('input').nth(1).fill('王总');
    await rows.nth(0).getByLabel('销售总监').check();
    await page.getByRole('button', { name: '创建团队' }).click();
    expect(await firstText(page, 'first-run-error')).toBe('请为 王总 设置 PIN（销售总监和系统管理员必须设置）');
    expect(await focused(page)).toBe('first-run-pin-0');
    await page.keyboard.type('12');
    await page.getByRole('button', { name: '创建团队' }).click();
    expect(await firstText(page, 'first-run-error')).toBe('PIN 应为 4 到 8 位数字');

    // The demo team: its PINs on screen, labelled 示例, then the sign-in picker.
    await page.locator(byTestId('first-run-demo')).click();
    await page.locator(byTestId('first-run-pins')).waitFor();
    expect(await page.locator(`${byTestId('first-run-pins')} .example-badge`).innerText()).toBe('示例');
    expect(await attrs(page, byTestId('first-run-pin-row'), 'data-staff')).toEqual(DEMO_TEAM.map((m) => m.id));
    expect(await page.locator(`${byTestId('first-run-pin-row')}[data-staff="li"] .pin-example`).innerText()).toBe('2002');
    expect(await page.locator(`${byTestId('first-run-pin-row')}[data-staff="dir"] .pin-example`).innerText()).toBe('1111');
    await screenshot(page, 'first-run-pins.png');
    expect(await focused(page)).toBe('first-run-continue');
    await page.keyboard.press('Enter');
    await page.locator(byTestId('sign-in')).waitFor();
    await page.keyboard.type('li');
    await page.keyboard.press('Enter');
    await enterPin(page, '2002');
    await acting(page, 'li');

    expect(problems).toEqual([]);
  });
});
