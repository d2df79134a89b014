/**
 * The customer page is sent as facts (src/api/customer-page.ts) and worded by the renderer
 * (renderer/components/customer-words.ts): every kind of timeline entry and every kind of ownership reads in
 * both languages, the facts reach the words (names, units, days, money, rule ids), and English has no Chinese
 * but the data a person typed or named. The Chinese keeps the sentences the server used to send.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryFact, HistoryKind, OwnershipWhy } from '../../src/api/customer-page';
import { historyKindLabel, historyText, ownershipText } from '../../renderer/components/customer-words';
import { translate, type Translate } from '../../renderer/i18n';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const tr =
  (lang: 'zh-CN' | 'en'): Translate =>
  (key, params) =>
    translate(key, params, lang);
const zh = tr('zh-CN');
const en = tr('en');

const zhang = { id: 'zhang', name: '张伟' };
const li = { id: 'li', name: '李娜' };

// Every kind, with each variant it words differently; a kind left out does not compile.
const SAMPLES: Record<HistoryKind, { fact: HistoryFact; zh: string; data: string[] }[]> = {
  visit: [
    {
      fact: { kind: 'visit', visitId: 7, consultant: li, reception: 'roster', registeredFor: null },
      zh: '来访，由 李娜 接待（轮排）',
      data: ['李娜'],
    },
    {
      fact: { kind: 'visit', visitId: 8, consultant: li, reception: 'voluntary', registeredFor: zhang },
      zh: '来访，由 李娜 接待（义务接待，登记在 张伟 名下）',
      data: ['李娜', '张伟'],
    },
  ],
  finished: [{ fact: { kind: 'finished', visitId: 7 }, zh: '接待结束', data: [] }],
  handover: [
    {
      fact: { kind: 'handover', visitId: 7, change: 'switch', to: li, solicited: false },
      zh: '客户要求更换，经理同意由 李娜 接待',
      data: ['李娜'],
    },
    {
      fact: { kind: 'handover', visitId: 7, change: 'switch', to: li, solicited: true },
      zh: '客户要求更换，经理同意由 李娜 接待（被指定者有怂恿行为）',
      data: ['李娜'],
    },
    {
      fact: { kind: 'handover', visitId: 7, change: 'refuse', from: zhang, to: li, rule: 'R-ROS-10' },
      zh: '客户拒绝 张伟，按轮排改由 李娜 接待，原接待轮空（R-ROS-10）',
      data: ['张伟', '李娜', 'R-ROS-10'],
    },
  ],
  refusal: [
    {
      fact: { kind: 'refusal', visitId: 7, outcome: 'penalty_recorded', rule: 'R-OWN-12' },
      zh: '客户要求更换售楼员：一般过错，已记录处罚，继续接待（R-OWN-12）',
      data: ['R-OWN-12'],
    },
    {
      fact: { kind: 'refusal', visitId: 7, outcome: 'not_supported', rule: 'R-OWN-12' },
      zh: '客户要求更换售楼员：无过错，不予支持（R-OWN-12）',
      data: ['R-OWN-12'],
    },
  ],
  correction: [
    {
      fact: {
        kind: 'correction',
        changes: [
          { field: 'phone', from: '138****1111', to: '138****1112' },
          { field: 'consultant', from: zhang, to: li },
        ],
        reason: '前台录错号码',
        rule: 'R-OWN-4',
      },
      zh: '更正登记：电话 138****1111 → 138****1112，售楼员 张伟 → 李娜（原因：前台录错号码）（R-OWN-4）',
      data: ['138****1111', '138****1112', '张伟', '李娜', '前台录错号码', 'R-OWN-4'],
    },
    {
      fact: { kind: 'correction', changes: [{ field: 'name', from: '周杰', to: '周洁' }], reason: 'typo', rule: 'R-OWN-4' },
      zh: '更正登记：姓名 周杰 → 周洁（原因：typo）（R-OWN-4）',
      data: ['周杰', '周洁', 'typo'],
    },
  ],
  reassigned: [
    {
      fact: { kind: 'reassigned', visitId: 7, to: li, reason: { code: 'refusal_reassigned', from: zhang }, rule: 'R-ROS-10' },
      zh: '客户拒绝 张伟，登记按轮排改到 李娜 名下，按新客处理（R-ROS-10）',
      data: ['张伟', '李娜', 'R-ROS-10'],
    },
    {
      // a row written before the reason was a code: who was refused was not stored
      fact: { kind: 'reassigned', visitId: 7, to: li, reason: { code: 'refusal_reassigned', from: null }, rule: 'R-ROS-10' },
      zh: '客户拒绝原售楼员，登记按轮排改到 李娜 名下，按新客处理（R-ROS-10）',
      data: ['李娜', 'R-ROS-10'],
    },
    {
      fact: { kind: 'reassigned', visitId: 7, to: li, reason: { text: '经理改派' }, rule: 'R-ROS-10' },
      zh: '登记改到 李娜 名下：经理改派',
      data: ['李娜', '经理改派'],
    },
  ],
  decision: [
    { fact: { kind: 'decision', decision: 'confirmed', reason: null }, zh: '项目经理确认登记', data: [] },
    { fact: { kind: 'decision', decision: 'rejected', reason: '重复登记' }, zh: '项目经理驳回登记（原因：重复登记）', data: ['重复登记'] },
    { fact: { kind: 'decision', decision: 'rejected', reason: null }, zh: '项目经理驳回登记', data: [] },
  ],
  call: [
    {
      fact: { kind: 'call', consultant: zhang, note: '问 90 平户型', rule: 'R-OWN-6' },
      zh: '来电咨询，张伟 接听：问 90 平户型（来电不产生归属，R-OWN-6）',
      data: ['张伟', '问 90 平户型', 'R-OWN-6'],
    },
    {
      fact: { kind: 'call', consultant: zhang, note: null, rule: 'R-OWN-6' },
      zh: '来电咨询，张伟 接听（来电不产生归属，R-OWN-6）',
      data: ['张伟'],
    },
  ],
  announcement: [
    {
      fact: { kind: 'announcement', consultant: zhang, expectedAt: '2026-03-16T06:30:00.000Z', rule: 'R-OWN-9a' },
      zh: '张伟 登记：老客户将介绍来访，预计',
      data: ['张伟', 'R-OWN-9a'],
    },
  ],
  identified: [
    {
      fact: { kind: 'identified', customerId: 12, otherCustomerId: 3, rule: 'R-OWN-8' },
      zh: '项目经理认定客户记录 12 与 3 为同一人（R-OWN-8）',
      data: ['12', '3', 'R-OWN-8'],
    },
  ],
  household: [
    {
      fact: { kind: 'household', customerId: 12, otherCustomerId: 3, rule: 'R-OWN-10' },
      zh: '项目经理认定客户 12 与 3 为夫妻（R-OWN-10）',
      data: ['12', 'R-OWN-10'],
    },
  ],
  referral: [
    {
      fact: { kind: 'referral', referralId: 2, referrer: { id: 'sun', name: '孙强' }, appointmentDay: '2026-03-16', rule: 'R-REF-1' },
      zh: '员工 孙强 推介登记，预约 2026年3月16日 来访（R-REF-1）',
      data: ['孙强', 'R-REF-1'],
    },
  ],
  company: [
    {
      fact: { kind: 'company', introducedBy: '王总', rule: 'R-CO-1' },
      zh: '登记为公司客户，介绍人：王总（R-CO-1）',
      data: ['王总', 'R-CO-1'],
    },
  ],
  deal: [
    {
      fact: { kind: 'deal', dealId: 5, unit: '3-1201', onSpot: false, priceCents: 256_780_000, commissionCents: 3_851_700 },
      zh: '成交 3-1201，成交价 ¥2,567,800.00，佣金 ¥38,517.00',
      data: ['3-1201', '2,567,800.00', '38,517.00'],
    },
    {
      fact: { kind: 'deal', dealId: 5, unit: '3-1201', onSpot: true, priceCents: null, commissionCents: null },
      zh: '成交 3-1201（当场成交）',
      data: ['3-1201'],
    },
  ],
  dispute: [
    {
      fact: { kind: 'dispute', disputeId: 4, dealId: 5, dealUnit: '3-1201', status: 'open', rule: 'R-DIS-1' },
      zh: '对成交 3-1201 提出争议（争议编号 4，待处理，R-DIS-1）',
      data: ['3-1201', '4', 'R-DIS-1'],
    },
    {
      fact: { kind: 'dispute', disputeId: 4, dealId: null, dealUnit: null, status: 'decided', rule: 'R-DIS-1' },
      zh: '对客户归属提出争议（争议编号 4，已裁决，R-DIS-1）',
      data: ['4', 'R-DIS-1'],
    },
  ],
};

const withoutData = (text: string, data: readonly string[]) => data.reduce((t, d) => t.split(d).join(' '), text);

describe('the customer page’s facts in words', () => {
  for (const [kind, samples] of Object.entries(SAMPLES)) {
    it(`${kind}: the Chinese the page always said, English without Chinese, the facts in both`, () => {
      expect(historyKindLabel(zh, kind)).not.toBe(kind);
      expect(historyKindLabel(en, kind)).not.toMatch(CJK);
      for (const s of samples) {
        const z = historyText(zh, s.fact);
        const e = historyText(en, s.fact, 'en');
        expect(z).toContain(s.zh);
        for (const d of s.data) {
          expect(z, d).toContain(d);
          expect(e, d).toContain(d);
        }
        expect(withoutData(e, s.data), JSON.stringify(s.fact)).not.toMatch(CJK);
        expect(e).not.toMatch(/\{|\}|cust\./);
      }
    });
  }

  it('the announcement’s expected time and the referral’s day are formatted in the reader’s style', () => {
    const a: HistoryFact = { kind: 'announcement', consultant: zhang, expectedAt: '2026-03-16T06:30:00.000Z', rule: 'R-OWN-9a' };
    expect(historyText(en, a, 'en')).toMatch(/expected 16 Mar 2026 \d\d:30/);
    expect(historyText(en, SAMPLES.referral[0]!.fact, 'en')).toContain('appointment on 16 Mar 2026');
  });

  it('why the owners own the customer: nobody, a registration with its days, the rules with their facts', () => {
    const nobody: OwnershipWhy = { kind: 'nobody' };
    expect(ownershipText(zh, [], nobody)).toBe(
      '目前没有售楼员拥有该客户：没有经项目经理确认且在保护期内的登记（R-OWN-2、R-OWN-3）。再次来访按新客户由轮排接待。',
    );
    expect(ownershipText(en, [], nobody, 'en')).not.toMatch(CJK);
    const registered: OwnershipWhy = { kind: 'registered', sinceDay: '2026-03-02', untilDay: '2026-04-02' };
    const owner = [{ name: '张伟', bps: 10000 }];
    expect(ownershipText(zh, owner, registered)).toBe(
      '归属 张伟：2026年3月2日 来访登记并经项目经理确认（R-OWN-1、R-OWN-3），保护期以最近一次来访起算，至 2026年4月2日（R-OWN-2）。',
    );
    expect(ownershipText(en, owner, registered, 'en')).toBe(
      'Owned by 张伟: visited and registered on 2 Mar 2026, confirmed by the PM (R-OWN-1, R-OWN-3); protected from the latest visit until 2 Apr 2026 (R-OWN-2).',
    );
    const shared: OwnershipWhy = { kind: 'cited', cites: [{ rule: 'R-OWN-8i', params: { days: 9 } }] };
    const two = [
      { name: '张伟', bps: 5000 },
      { name: '李娜', bps: 5000 },
    ];
    expect(ownershipText(zh, two, shared)).toBe('归属 张伟 50%、李娜 50%：R-OWN-8i：9天内认出，原售楼员与新售楼员平分。');
    expect(ownershipText(en, two, shared, 'en')).toBe(
      'Owned by 张伟 50%, 李娜 50%: R-OWN-8i: identified 9 days later, within the month; the original and the new consultant share equally.',
    );
    expect(ownershipText(en, [{ name: '张伟', bps: 10000 }], { kind: 'cited', cites: [] })).toBe('Owned by 张伟 100%.');
  });
});
