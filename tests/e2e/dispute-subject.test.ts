// @vitest-environment node
/**
 * The dispute screen keeps its subject (issue 17 item 19) and re-reads on pushed changes (issue 15 item 6),
 * in a real browser (web mode) on a fixed office clock.
 *
 * Set up through the API: the team, today's roster, 周杰 received by 张伟 and confirmed by the PM, and
 * 张伟's deal with him. Through the UI:
 * - 李娜 disputes 周杰's ownership: the subject names the customer (a link), 李娜 and when, 张伟's confirmed
 *   registration, the deal concerned (a link) and 张伟 owning 100% now.
 * - the director has the dispute open at another terminal while the PM writes the opinion: the director's
 *   page turns to 待审批 with 批准 offered, without a reload; the subject is the same on both.
 * - the director approves: the PM's page turns to 已裁决 without a reload; the subject is still there.
 * - a colleague changes the deal's unit at another terminal (the API): the deal link shows the new unit.
 * - in English the same facts are worded in English.
 * - following the links reaches the customer page and the deal on the deals screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import type { MethodName } from '../../src/api/spec';
import {
  attrs,
  byTestId,
  dispatchOk,
  firstText,
  okFor,
  screenshot,
  seedConfirmedWalkIns,
  signInAs,
  startWebHarness,
  type WebHarness,
} from './harness';

const DAY = '2026-03-10';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
let h: WebHarness;
const seeded = { customer: 0, deal: 0 };

const as = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(h.app, staffId, method, input);

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const [a] = await seedConfirmedWalkIns(app, clock, at, [{ at: '09:10', name: '周杰', phone: '13800000001', receivedBy: 'zhang' }]);
      clock.set(at('10:00'));
      const deal = await okFor(app)('zhang', 'deal.close', {
        customer: a!.customerId,
        unit: '3-1201',
        price: 327000000,
        commission: 2700000,
      });
      seeded.customer = a!.customerId!;
      seeded.deal = deal.id;
    },
  });
  clock.set(at('10:30'));
});

afterAll(async () => {
  await h?.close();
});

/** The subject as the page shows it: customer link, claimant, registrations, deal links, owners. */
async function subjectOf(page: Page, disputeId: number) {
  const scope = `${byTestId('dispute-view')}[data-dispute="${disputeId}"] ${byTestId('dispute-subject')}`;
  await page.locator(scope).waitFor();
  return {
    customer: await page.locator(`${scope} ${byTestId('dispute-customer-link')}`).getAttribute('data-customer'),
    customerHref: await page.locator(`${scope} ${byTestId('dispute-customer-link')}`).getAttribute('href'),
    customerName: await page.locator(`${scope} ${byTestId('dispute-customer-link')}`).innerText(),
    claimant: await page.locator(`${scope} ${byTestId('dispute-claimant')}`).getAttribute('data-staff'),
    claimantText: await page.locator(`${scope} ${byTestId('dispute-claimant')}`).innerText(),
    registrations: await attrs(page, `${scope} ${byTestId('dispute-registration')}`, 'data-consultant'),
    registrationText: await page.locator(`${scope} ${byTestId('dispute-registration')}`).allInnerTexts(),
    deals: await attrs(page, `${scope} ${byTestId('dispute-deal-link')}`, 'data-deal'),
    dealHrefs: await attrs(page, `${scope} ${byTestId('dispute-deal-link')}`, 'href'),
    owners: await page.locator(`${scope} ${byTestId('dispute-owners')}`).getAttribute('data-owners'),
  };
}

describe('the dispute screen keeps its subject, links to it, and re-reads on pushed changes', () => {
  it('open, PM opinion, director decision: the subject and both links at each step', { timeout: 120_000 }, async () => {
    // ---- 李娜 disputes 周杰's ownership ----
    const pm = await h.newPage();
    const a = pm.page;
    await a.goto(`${h.baseUrl}#/disputes`);
    await signInAs(a, 'li', '李娜');
    await a.locator(byTestId('disputes')).waitFor();
    await a.locator(byTestId('raise-customer-dispute')).click();
    await a.locator(byTestId('raise-form')).waitFor();
    await a.keyboard.type('周杰');
    await a.locator(`${byTestId('customer-option')}[data-customer="${seeded.customer}"]`).click();
    await a.locator(byTestId('raise-claim')).fill('周杰 3 月 1 日曾由我接待并介绍户型');
    await a.locator(byTestId('raise-submit')).click();
    const openView = a.locator(`${byTestId('dispute-view')}[data-status="open"]`);
    await openView.waitFor();
    const disputeId = Number(await openView.getAttribute('data-dispute'));
    const expected = {
      customer: String(seeded.customer),
      customerHref: `#/customer/${seeded.customer}`,
      customerName: '周杰',
      claimant: 'li',
      claimantText: '李娜，2026年3月10日 10:30 提出',
      registrations: ['zhang'],
      registrationText: ['2026年3月10日 张伟 接待登记 · 已确认'],
      deals: [String(seeded.deal)],
      dealHrefs: [`#/deals?month=2026-03&deal=${seeded.deal}`],
      owners: 'zhang:10000',
    };
    expect(await subjectOf(a, disputeId)).toEqual(expected);
    expect(await a.locator(byTestId('dispute-subject-head')).evaluate((e) => e.firstChild?.textContent)).toBe('客户 周杰 的归属');
    expect(await firstText(a, 'dispute-on-hold')).toBe('裁决前，涉及成交的佣金暂缓（R-DIS-1）');

    // ---- the director opens it at another terminal; the PM writes the opinion at the first ----
    const dir = await h.newPage();
    const b = dir.page;
    await b.goto(`${h.baseUrl}#/disputes/${disputeId}`);
    await signInAs(b, 'dir', '赵总');
    await b.locator(`${byTestId('dispute-view')}[data-dispute="${disputeId}"][data-status="open"]`).waitFor();
    expect(await subjectOf(b, disputeId)).toEqual(expected);
    expect(await b.locator(byTestId('dispute-approve')).count()).toBe(0);

    clock.set(at('14:00'));
    await signInAs(a, 'pm', '刘强');
    await a.goto(`${h.baseUrl}#/disputes/${disputeId}`);
    const form = a.locator(byTestId('opinion-form'));
    await form.waitFor();
    // the parties start from who owns the customer now and who raised it (dispute.get's facts)
    expect(await attrs(a, byTestId('opinion-row'), 'data-party')).toEqual(['zhang', 'li']);
    await form.locator(byTestId('opinion-share-zhang')).fill('70');
    await form.locator(byTestId('opinion-share-li')).fill('30');
    await form.locator(byTestId('opinion-text')).fill('李娜首次接待介绍户型，张伟跟进成交；建议张伟 70%、李娜 30%。');
    await form.locator(byTestId('opinion-submit')).click();
    await a.locator(`${byTestId('dispute-view')}[data-status="opinion"]`).waitFor();
    expect(await subjectOf(a, disputeId)).toEqual(expected);

    // Pushed: the director's page shows the opinion and offers the decision, without a reload.
    await b.locator(`${byTestId('dispute-view')}[data-dispute="${disputeId}"][data-status="opinion"]`).waitFor();
    await b.locator(byTestId('dispute-approve')).waitFor();
    expect(await attrs(b, byTestId('dispute-step'), 'data-type')).toEqual(['raise', 'opinion']);
    expect(await subjectOf(b, disputeId)).toEqual(expected);

    // ---- the director decides; the PM's page follows ----
    clock.set(at('16:00'));
    await b.locator(byTestId('dispute-approve')).click();
    await b.locator(`${byTestId('approve-dialog')} ${byTestId('dialog-confirm')}`).click();
    await b.locator(`${byTestId('dispute-view')}[data-status="decided"]`).waitFor();
    expect(await subjectOf(b, disputeId)).toEqual(expected);
    await a.locator(`${byTestId('dispute-view')}[data-dispute="${disputeId}"][data-status="decided"]`).waitFor();
    expect(await subjectOf(a, disputeId)).toEqual(expected);
    // the director's inbox no longer lists it; the open dispute still says what it is about
    await b.locator(`${byTestId('dispute-item')}[data-dispute="${disputeId}"]`).waitFor({ state: 'detached' });

    // ---- a colleague changes the deal's unit at another terminal: the link shows the new unit ----
    clock.set(at('16:10'));
    await as('zhang', 'deal.change', { deal: seeded.deal, unit: '3-1202' });
    const dealLink = b.locator(`${byTestId('dispute-deal-link')}[data-deal="${seeded.deal}"]`);
    await b.locator(`${byTestId('dispute-deal-link')}[data-deal="${seeded.deal}"]`, { hasText: '3-1202' }).waitFor();
    expect(await dealLink.innerText()).toBe(`成交 #${seeded.deal} 3-1202 · 2026年3月10日`);

    await b.setViewportSize({ width: 1366, height: 768 });
    await screenshot(b, 'dispute-subject.png');

    // English is a dictionary away: the same facts, worded in English
    await b.locator(byTestId('lang-toggle')).click();
    await b.locator(byTestId('dispute-subject-head'), { hasText: 'The ownership of 周杰' }).waitFor();
    // decided: nothing is on hold any more
    expect(await firstText(b, 'dispute-subject-head')).toBe('The ownership of 周杰');
    expect(await b.locator(byTestId('dispute-on-hold')).count()).toBe(0);
    expect(await firstText(b, 'dispute-registration')).toBe('10 Mar 2026, registered by 张伟 · Confirmed');
    expect(await dealLink.innerText()).toBe(`Deal #${seeded.deal} 3-1202 · 10 Mar 2026`);
    expect(await firstText(b, 'dispute-owners')).toBe('张伟 100% (since 10 Mar 2026)');
    await screenshot(b, 'dispute-subject-en.png');
    await b.locator(byTestId('lang-toggle')).click();
    await b.locator(byTestId('dispute-subject-head'), { hasText: '客户 周杰 的归属' }).waitFor();

    // ---- the links reach the customer page and the deal ----
    await b.locator(byTestId('dispute-customer-link')).click();
    await b.locator(`${byTestId('customer-page')}[data-customer="${seeded.customer}"][data-loaded="true"]`).waitFor();
    expect(await firstText(b, 'cust-name')).toBe('周杰');
    await b.goBack();
    await b.locator(`${byTestId('dispute-view')}[data-dispute="${disputeId}"][data-status="decided"]`).waitFor();
    await dealLink.click();
    const card = b.locator(`${byTestId('deal')}[data-deal="${seeded.deal}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-shown')).toBe('true');
    expect(await b.locator(byTestId('deals-month')).getAttribute('data-month')).toBe('2026-03');
    expect(await card.locator(byTestId('decided-badge')).innerText()).toBe('已裁决');
    await screenshot(b, 'dispute-subject-deal.png');

    expect(pm.problems).toEqual([]);
    expect(dir.problems).toEqual([]);
  });
});
