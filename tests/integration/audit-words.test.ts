/**
 * The audit log in words (issue 17 point 21): a day of the office's actions, each row worded as the audit
 * screen words it (renderer/lib/audit-words.ts) in both languages. The action and every field are named in
 * words — no method name, no JSON key; roles, statuses, reception kinds and sources by their names; Chinese
 * without Latin letters in its names, English without Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../renderer/i18n';
import type { Lang, MessageKey, Params } from '../../renderer/i18n';
import { actionLabel, AUDIT_ACTIONS, detailParts } from '../../renderer/lib/audit-words';
import { spec } from '../../src/api/spec';
import { PINS, TEAM, testApp, type TestApp } from '../support/app';

const CJK = /[\u3400-\u9fff]/;
const latinIn = (zh: string) => zh.replace(/PIN/g, '').match(/[A-Za-z]+/g) ?? [];
// enum values the office has words for: in Chinese they never show as sent
const RAW_VALUES =
  /\b(consultant|front_desk|sales_manager|project_manager|lunch|present|designated|voluntary|walk_in|old_customer|phone|wechat|head|tail|customer\.get)\b/;

let t: TestApp;
let rows: { method: string; detail: unknown }[];
const names = new Map<string, string>(TEAM.map((p) => [p.id, p.name]));
const nameOf = (id: string) => names.get(id) ?? id;

beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await t.app.dispatch(null, 'session.signIn', { staffId: 'li', pin: '000000' });
  await t.app.dispatch(null, 'session.signIn', { staffId: 'li', pin: PINS.li });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  await t.ok('mgr', 'roster.status', { consultant: 'wang', status: 'lunch' });
  await t.ok('mgr', 'roster.move', { consultant: 'li', to: 'head', reason: '调整' });
  const walkIn = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
  await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000002' }, asksFor: 'zhang' });
  const customer = walkIn.customerId!;
  await t.ok('pm', 'registration.confirm', { visit: walkIn.visitId });
  await t.ok('wang', 'desk.lookup', { phone: '13800000001' });
  await t.ok('wang', 'customer.get', { customer });
  await t.ok('pm', 'registration.correct', { visit: walkIn.visitId, set: { name: '周杰伦' }, reason: '录错' });
  await t.ok('dir', 'staff.create', { id: 'xin', name: '新人', roles: ['consultant'], pin: '135790' });
  await t.ok('dir', 'staff.update', { id: 'xin', roles: ['consultant', 'sales_manager'] });
  await t.ok('dir', 'staff.resetPin', { id: 'xin', pin: '246810' });
  await t.ok('dir', 'policy.update', { changes: { lunchDeskSize: 3 }, reason: '午间客流大' });
  await t.ok('li', 'followUp.log', { customer, channel: 'phone', content: '回访', grade: 'A', nextDay: '2026-05-12' });
  await t.ok('mgr', 'followUp.note', { consultant: 'li', text: '尽快跟进' });
  await t.ok('mgr', 'grades.setLabel', { grade: 'A', label: '意向强' });
  const deal = await t.ok('mgr', 'deal.close', { customer, unit: '3-1201', price: 100_000_000, commission: 1_000_000 });
  const dispute = await t.ok('zhang', 'dispute.raise', { deal: deal.id, claim: '客户是我先接待的' });
  await t.ok('pm', 'dispute.opinion', {
    dispute: dispute.id,
    split: { zhang: 5000, li: 5000 },
    text: '各半',
    parties: { zhang: { fault: '无', contribution: '先接待' } },
  });
  await t.ok('dir', 'backup.verify', {});
  rows = (await t.ok('pm', 'audit.list', { limit: 1000 })) as { method: string; detail: unknown }[];
});
afterAll(async () => {
  await t.close();
});

const tr =
  (lang: Lang) =>
  (key: MessageKey, params?: Params): string =>
    translate(key, params, lang);

describe('the audit log in words', () => {
  it('the day produced rows of many kinds', () => {
    const methods = new Set(rows.map((r) => r.method));
    for (const m of [
      'session.wrongPin',
      'session.signIn',
      'desk.named',
      'desk.lookup',
      'customer.read',
      'registration.correct',
      'policy.update',
      'dispute.opinion',
      'followUp.log',
      'grades.setLabel',
    ]) {
      expect(methods, m).toContain(m);
    }
  });

  it('every write method and every action the services log has a name in both languages', () => {
    const writes = Object.entries(spec)
      .filter(([, d]) => d.kind === 'write')
      .map(([m]) => m);
    expect(writes.filter((m) => !(AUDIT_ACTIONS as readonly string[]).includes(m))).toEqual([]);
    for (const m of AUDIT_ACTIONS) {
      expect(latinIn(actionLabel(tr('zh-CN'), m)), m).toEqual([]);
      expect(actionLabel(tr('en'), m), m).not.toMatch(CJK);
    }
    expect(actionLabel(tr('zh-CN'), 'some.futureMethod')).toBe('其他操作');
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`each row's action and fields are words (${lang})`, () => {
      const t = tr(lang);
      const problems: string[] = [];
      for (const row of rows) {
        const label = actionLabel(t, row.method);
        if (label === row.method) problems.push(`${row.method}: the action is its method name`);
        for (const part of detailParts(t, lang, row.method, row.detail, nameOf)) {
          const raw = Object.keys((row.detail ?? {}) as object);
          if (raw.includes(part.key)) problems.push(`${row.method}: field ${part.key} is its JSON key`);
          if (lang === 'zh-CN') {
            if (latinIn(part.key).length) problems.push(`${row.method}: field ${part.key} has Latin letters`);
            if (RAW_VALUES.test(part.text)) problems.push(`${row.method}: ${part.key} shows a raw value: ${part.text}`);
          } else if (CJK.test(part.key)) problems.push(`${row.method}: field ${part.key} has Chinese`);
          if (/\d{6}/.test(part.text) && /pin/i.test(part.key)) problems.push(`${row.method}: a PIN shows`);
          if (/\d{4}-\d{2}-\d{2}/.test(part.text)) problems.push(`${row.method}: ${part.key} shows a date as sent: ${part.text}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('says values in words: roles, a roster status, a policy setting by its name, a split by the names of its people', () => {
    const zh = tr('zh-CN');
    const text = (method: string) =>
      rows
        .filter((r) => r.method === method)
        .flatMap((r) => detailParts(zh, 'zh-CN', method, r.detail, nameOf))
        .map((p) => `${p.key}：${p.text}`)
        .join(' | ');
    expect(text('staff.update')).toContain('角色：售楼员、销售经理');
    expect(text('roster.status')).toContain('状态：午餐');
    expect(text('policy.update')).toContain(`${translate('policy.param.lunchDeskSize', undefined, 'zh-CN')}：3`);
    expect(text('dispute.opinion')).toContain('张伟：50%');
    expect(text('followUp.log')).toContain('：2026年5月12日');
    expect(text('followUp.log')).toMatch(/客户：#\d+/);
    expect(text('dispute.opinion')).toContain('争议：#1');
    expect(detailParts(zh, 'zh-CN', 'referral.confirm', { referral: 7, visit: 4 }, nameOf).map((p) => p.text)).toEqual(['#7', '#4']);
    expect(text('dispute.opinion')).toContain('张伟：过错说明：无');
    expect(text('desk.named')).toContain('依据：R-ROS-8');
    expect(text('staff.resetPin')).toContain('PIN：••••');
    expect(text('roster.move')).toContain('位置：队首');
    expect(text('deal.close')).toContain('成交价：¥1,000,000.00');
    expect(text('customer.read')).toContain('查看方式：打开客户页面');
  });
});
