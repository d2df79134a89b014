/**
 * A refused input in words (issue 17 point 21): the API sends each issue as a problem and a field path
 * (src/api/issues), the renderer words it in the reader's language with the field named in words. Chinese
 * says no path and no Latin letters ("请输入姓名（customer.name）", "期望 array >=1 项" were the old words);
 * English says no Chinese. Every field of every method has a name in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../src/api/errors';
import { type MethodName, spec } from '../../src/api/spec';
import { errorText, fieldName } from '../../renderer/i18n/reasons';
import { translate } from '../../renderer/i18n';
import { refusal, testApp, type TestApp } from '../support/app';

const CJK = /[\u3400-\u9fff]/;
// PIN is what the office calls it in Chinese too (the sign-in screen says 请输入 PIN).
const latinIn = (zh: string) => zh.replace(/PIN/g, '').match(/[A-Za-z]+/g) ?? [];
const PATH_LIKE = /\b\w+\.\w+\b|\[\d+\]/;

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
});
afterAll(async () => {
  await t.close();
});

const cases: [string, string, MethodName, unknown, string, string][] = [
  ['an empty name', 'qian', 'desk.walkIn', { customer: { name: '   ', phone: '13800000001' } }, '请填写姓名', 'Name: required'],
  [
    'a name too long',
    'qian',
    'desk.walkIn',
    { customer: { name: '周'.repeat(41), phone: '13800000001' } },
    '姓名不能超过 40 个字',
    'at most 40 characters',
  ],
  [
    'a control character',
    'qian',
    'desk.walkIn',
    { customer: { name: '周\u0007杰', phone: '13800000001' } },
    '姓名含有不可见的控制字符',
    'Name: contains invisible',
  ],
  [
    'a phone of the wrong type',
    'qian',
    'desk.walkIn',
    { customer: { name: '周杰', phone: 13800000001 } },
    '电话号码应为文字',
    'Phone number: should be text',
  ],
  [
    'a short mobile',
    'qian',
    'desk.walkIn',
    { customer: { name: '周杰', phone: '1380000' } },
    '手机号码应为 11 位数字',
    'A mobile number has 11 digits',
  ],
  [
    'a field the method does not take',
    'qian',
    'desk.walkIn',
    { customer: { name: '周杰', phone: '13800000001' }, extra: 1 },
    '本操作不接受',
    'does not take',
  ],
  ['not an object at all', 'qian', 'desk.walkIn', 'not an object', '输入的内容应为一组填写的内容', 'The input: should be a set of fields'],
  ['no role chosen', 'dir', 'staff.create', { name: '新人', roles: [], pin: '135790' }, '至少选择一个角色', 'Roles: choose at least one'],
  [
    'an unknown role',
    'dir',
    'staff.create',
    { name: '新人', roles: ['boss'], pin: '135790' },
    '角色不是可以选择的值',
    'Roles: not one of the choices',
  ],
  [
    'a short PIN',
    'dir',
    'staff.create',
    { name: '新人', roles: ['consultant'], pin: '12' },
    'PIN 应为 4 到 8 位数字',
    'A PIN is 4 to 8 digits',
  ],
  [
    'a policy number out of bounds',
    'dir',
    'policy.update',
    { changes: { lunchDeskSize: 99 } },
    '午餐值班人数应为 0 到 20 之间的整数',
    'Lunch desk size: a whole number from 0 to 20',
  ],
  ['a policy key the office lacks', 'dir', 'policy.update', { changes: { nonsense: 1 } }, '没有这项政策参数', 'no such setting'],
  [
    'a day outside the years',
    'pm',
    'referral.register',
    { referrer: 'sun', customer: { name: '郑洁', phone: '13800000008' }, appointment: '9999-12-31' },
    '预约日期应在 2000年1月1日 至 2100年12月31日 之间',
    'Appointment date: between 1 Jan 2000 and 31 Dec 2100',
  ],
  [
    'a month outside the years',
    'dir',
    'statement.month',
    { month: '9999-12' },
    '月份应在 2000年1月 至 2100年12月 之间',
    'Month: between January 2000 and December 2100',
  ],
  ['a day missing', 'pm', 'registration.day', {}, '请填写日期', 'Date: required'],
  ['a day not a day', 'pm', 'registration.day', { day: 'yesterday' }, '日期应为年-月-日', 'Date: a date such as'],
  [
    'a negative price',
    'mgr',
    'deal.close',
    { customer: 1, unit: '3-1201', price: -1, commission: 100 },
    '成交价不能小于 0',
    'Price: at least 0',
  ],
  [
    'a share not whole',
    'pm',
    'dispute.opinion',
    { dispute: 1, split: { zhang: 1.5 }, text: '意见' },
    '分配比例应为整数',
    'Split: should be a whole number',
  ],
  ['a position before the head', 'mgr', 'roster.move', { consultant: 'zhang', to: 0, reason: '调整' }, '位置', 'Position'],
  [
    'a channel that is none',
    'zhang',
    'followUp.log',
    { customer: 1, channel: 'fax', content: '电话' },
    '跟进方式不是可以选择的值',
    'Channel: not one of the choices',
  ],
  [
    'a moment not a moment',
    'zhang',
    'desk.announce',
    { customer: { name: '郑洁' }, from: 1, expectedAt: 'tomorrow' },
    '预计到访时间应为日期和时间',
    'Expected arrival: a date and time',
  ],
];

describe('a refused input in the reader’s language', () => {
  it.each(cases)('%s', async (_what, who, method, input, zhHas, enHas) => {
    const r = await t.as(who, method, input);
    const error = refusal(r) as ApiErrorBody;
    expect(error).toMatchObject({ code: 'validation', reason: 'input_invalid', params: { method } });
    const zh = errorText(error, 'zh-CN');
    const en = errorText(error, 'en');
    expect(zh).toContain(zhHas);
    expect(en).toContain(enHas);
    expect(latinIn(zh), zh).toEqual([]);
    expect(zh).not.toMatch(PATH_LIKE);
    expect(en, en).not.toMatch(CJK);
    expect(en).not.toMatch(PATH_LIKE);
  });
});

/** Every field path an input schema can refuse, with record keys as a staff id and array items by index. */
function fieldPaths(schema: z.ZodType, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const d = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(d.type)) return fieldPaths(d.innerType, path, out);
  if (d.type === 'pipe') return fieldPaths(d.in, path, out);
  if (d.type === 'union') {
    for (const o of d.options) fieldPaths(o, path, out);
    return out;
  }
  if (path.length) out.push(path);
  if (d.type === 'object') for (const [k, v] of Object.entries(d.shape)) fieldPaths(v as z.ZodType, [...path, k], out);
  if (d.type === 'array') fieldPaths(d.element, [...path, 0], out);
  if (d.type === 'record') fieldPaths(d.valueType, [...path, 'zhang'], out);
  return out;
}

describe('field names', () => {
  it('every field of every method has a name in both languages', () => {
    const unnamed: string[] = [];
    let fields = 0;
    for (const [method, def] of Object.entries(spec)) {
      for (const path of fieldPaths(def.input)) {
        fields++;
        for (const lang of ['zh-CN', 'en'] as const) {
          if (fieldName(path, method, lang) === translate('field.input', undefined, lang))
            unnamed.push(`${method} ${path.join('.')} (${lang})`);
        }
      }
    }
    expect(unnamed).toEqual([]);
    expect(fields).toBeGreaterThan(100);
  });

  it('a method may mean its own thing by a field, and a policy setting is named as the settings screen names it', () => {
    expect(fieldName(['to'], 'roster.move', 'zh-CN')).toBe('位置');
    expect(fieldName(['to'], 'desk.switch', 'zh-CN')).toBe('接手的售楼员');
    expect(fieldName(['to'], 'audit.list', 'zh-CN')).toBe('结束日期');
    expect(fieldName(['parties', 'zhang', 'fault'], 'dispute.opinion', 'en')).toBe('Fault');
    expect(fieldName(['split', 'zhang'], 'dispute.opinion', 'zh-CN')).toBe('分配比例');
    expect(fieldName(['changes', 'protectionMonths'], 'policy.update', 'zh-CN')).toBe(
      translate('policy.param.protectionMonths', undefined, 'zh-CN'),
    );
    expect(fieldName(['staff', 0, 'pin'], 'setup.firstRun', 'en')).toBe('PIN');
  });
});
