/**
 * Scenario format v1.1 (docs/scenario-format-extensions.md): each added expectation can fail. A tiny day is
 * replayed with one expectation right and one wrong; the wrong one must fail its own step, with a message
 * that says what was expected and what the app showed, and nothing else may fail.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayOnEngine as replayText } from '../support/engine';
import { EXPECT_KEYS, parseScenario } from '../../src/cli/scenario';

const STAFF = `
staff:
  - { id: zhang, name: 张伟, roles: [consultant] }
  - { id: li,    name: 李娜, roles: [consultant] }
  - { id: qian,  name: 钱敏, roles: [front_desk] }
  - { id: mgr,   name: 陈静, roles: [sales_manager] }
  - { id: pm,    name: 刘强, roles: [project_manager] }
  - { id: dir,   name: 赵总, roles: [sales_director] }
  - { id: sun,   name: 孙丽, roles: [employee] }
`;

/** A day of two walk-ins; `more` are further steps (YAML lines, already indented). */
const day = (more: string) => `name: tiny
policy: {}
${STAFF}
steps:
  - { at: 2027-08-02T09:00, as: mgr, do: roster.start, order: [zhang, li] }
  - { at: 2027-08-02T09:10, as: qian, do: desk.walkIn, customer: { name: 宋江, phone: "13066660001" }, ref: v1, customerRef: song }
  - { at: 2027-08-02T09:20, as: qian, do: desk.walkIn, customer: { name: 林冲, phone: "13066660002" }, ref: v2, customerRef: lin }
${more}`;

/** The failing steps as `line: message`; the base day's three steps must always pass. */
async function failures(text: string) {
  const report = await replayText(text);
  return report.steps.filter((s) => !s.ok).map((s) => `${s.line}: ${s.message}`);
}

describe('scenario v1.1 expectations can fail', () => {
  it('queueAt: the queue at a past moment, compared in order', async () => {
    const got = await failures(
      day(`  - { at: 2027-08-02T12:00, expect: { queueAt: { at: 2027-08-02T09:15, queue: [li, zhang] } } }
  - { at: 2027-08-02T12:01, expect: { queueAt: { at: 2027-08-02T09:15, queue: [zhang, li] } } }
  - { at: 2027-08-02T12:02, expect: { queueAt: { at: 2027-08-02T08:00, queue: [zhang] } } }`),
    );
    expect(got).toEqual([
      '5: queueAt 2027-08-02T09:15 应为 [zhang,li]，实际 [li,zhang]',
      '6: queueAt 2027-08-02T08:00 应为 [zhang]，实际 当时没有排班',
    ]);
  });

  it('waiting: the length of the R-ROS-6 waiting list', async () => {
    const got = await failures(
      day(`  - { at: 2027-08-02T09:30, as: qian, do: desk.walkIn, customer: { name: 武松, phone: "13066660003" }, expect: { waiting: 1 } }
  - { at: 2027-08-02T09:31, expect: { waiting: 0 } }
  - { at: 2027-08-02T09:40, as: zhang, do: desk.finish, visit: v1, expect: { waiting: 1 } }`),
    );
    expect(got).toEqual(['5: waiting 应为 0，实际 1', '6: waiting 应为 1，实际 0']);
  });

  it('flags: the kinds on the PM day list, in any order, with the flags’ facts shown when they differ', async () => {
    const got = await failures(
      day(`  - { at: 2027-08-02T10:00, as: zhang, do: desk.finish, visit: v1 }
  - { at: 2027-08-02T18:00, as: pm, do: registration.confirm, visit: v2 }
  - { at: 2027-08-03T09:00, as: mgr, do: roster.start, order: [zhang, li] }
  - { at: 2027-08-03T09:10, as: qian, do: desk.walkIn, customer: { name: 林冲, phone: "13066660012" }, ref: v3 }
  - { at: 2027-08-03T12:00, expect: { flags: { v3: [possible_match], v1: [] } } }
  - { at: 2027-08-03T12:01, expect: { flags: { v3: [] } } }
  - { at: 2027-08-03T12:02, expect: { flags: { v1: [conflict] } } }`),
    );
    expect(got).toHaveLength(2);
    expect(got[0]).toMatch(/^9: flags\.v3 应为 \[\]，实际 \[possible_match\] \[\{"kind":"possible_match","rule":"R-OWN-8",.*"name":"林冲"/);
    expect(got[1]).toBe('10: flags.v1 应为 [conflict]，实际 []');
  });

  it('flags: a reference that is not a visit is a failed step, not a silent pass', async () => {
    const got = await failures(day(`  - { at: 2027-08-02T12:00, expect: { flags: { nosuch: [] } } }`));
    expect(got).toEqual(['4: 未定义的引用 nosuch']);
  });

  it('statementLines: each line of a person by deal, amount and rule; a held or missing line fails', async () => {
    const deal = `  - { at: 2027-08-02T10:00, as: zhang, do: desk.finish, visit: v1 }
  - { at: 2027-08-02T18:00, as: pm, do: registration.confirm, visit: v1 }
  - { at: 2027-08-10T11:00, as: zhang, do: deal.close, customer: song, unit: 1-0101, price: 100000000, commission: 1500000, ref: d1 }`;
    const got = await failures(
      day(`${deal}
  - { at: 2027-08-10T12:00, expect: { statementLines: { month: 2027-08, zhang: [{ deal: d1, cents: 1500000, rule: R-OWN-1 }], li: [] } } }
  - { at: 2027-08-10T12:01, expect: { statementLines: { month: 2027-08, zhang: [{ deal: d1, cents: 1500001, rule: R-OWN-1 }] } } }
  - { at: 2027-08-10T12:02, expect: { statementLines: { month: 2027-08, zhang: [{ deal: d1, cents: 1500000, rule: R-OWN-8i }] } } }
  - { at: 2027-08-10T12:03, expect: { statementLines: { month: 2027-08, li: [{ deal: d1, cents: 1500000, rule: R-OWN-1 }] } } }
  - { at: 2027-08-10T12:04, expect: { statementLines: { month: 2027-09, zhang: [{ deal: d1, cents: 1500000, rule: R-OWN-1 }] } } }`),
    );
    const want = (cents: number, rule: string) => `{"deal":"d1","cents":${cents},"rule":["${rule}"]}`;
    expect(got).toEqual([
      `8: statementLines 2027-08 zhang 应为 [${want(1500001, 'R-OWN-1')}]，实际 [${want(1500000, 'R-OWN-1')}]`,
      `9: statementLines 2027-08 zhang 应为 [${want(1500000, 'R-OWN-8i')}]，实际 [${want(1500000, 'R-OWN-1')}]`,
      `10: statementLines 2027-08 li 应为 [${want(1500000, 'R-OWN-1')}]，实际 []`,
      `11: statementLines 2027-09 zhang 应为 [${want(1500000, 'R-OWN-1')}]，实际 []`,
    ]);
  });

  it('notices: visits received on the owner’s behalf (R-ROS-9), counted per owner', async () => {
    const got = await failures(
      day(`  - { at: 2027-08-02T10:00, as: zhang, do: desk.finish, visit: v1 }
  - { at: 2027-08-02T18:00, as: pm, do: registration.confirm, visit: v1 }
  - { at: 2027-08-03T09:00, as: mgr, do: roster.start, order: [zhang, li] }
  - { at: 2027-08-03T09:05, as: mgr, do: roster.status, consultant: zhang, status: absent }
  - { at: 2027-08-03T09:10, as: qian, do: desk.walkIn, customer: { name: 宋江, phone: "13066660001" }, ref: v3, expect: { reception: voluntary, notices: { zhang: 1, li: 0 } } }
  - { at: 2027-08-03T09:11, expect: { notices: { zhang: 0 } } }
  - { at: 2027-08-03T09:12, expect: { notices: { li: 1 } } }`),
    );
    expect(got).toEqual(['9: notices.zhang 应为 0，实际 1', '10: notices.li 应为 1，实际 0']);
  });
});

describe('scenario v1.1 policy.update step', () => {
  it('changes the policy from that moment through the API, and a bad value fails the step with validation', async () => {
    const got = await failures(
      day(`  - { at: 2027-08-02T10:00, as: dir, do: policy.update, changes: { lunchDeskSize: 1 }, reason: 测试, expect: { lunchDesk: [zhang] } }
  - { at: 2027-08-02T10:01, as: dir, do: policy.update, changes: { lunchDeskSize: 99 } }
  - { at: 2027-08-02T10:02, as: dir, do: policy.update, changes: { lunchDeskSize: 99 }, expectError: validation }
  - { at: 2027-08-02T10:03, as: dir, do: policy.update, changes: { lunchDeskSize: 99 }, expectError: permission }
  - { at: 2027-08-02T10:04, as: mgr, do: policy.update, changes: { lunchDeskSize: 2 }, expectError: permission }
  - { at: 2027-08-02T10:05, expect: { lunchDesk: [zhang, li] } }`),
    );
    expect(got).toHaveLength(3);
    expect(got[0]).toMatch(/^5: validation: .*lunchDeskSize/);
    expect(got[1]).toMatch(/^7: 应当以 permission 失败，实际 validation/);
    expect(got[2]).toBe('9: lunchDesk 应为 [zhang,li]，实际 [zhang]');
  });
});

describe('scenario parser stays strict', () => {
  const withExpect = (expectYaml: string) => day(`  - { at: 2027-08-02T12:00, expect: ${expectYaml} }`);
  it.each([
    ['an unknown expectation key', '{ queueAtt: { at: 2027-08-02T09:15, queue: [] } }', /第 4 步: 未知的 expect 键 queueAtt/],
    [
      'an unknown field inside queueAt',
      '{ queueAt: { at: 2027-08-02T09:15, queue: [], next: li } }',
      /第 4 步: 未知的 expect 键 queueAt\.next/,
    ],
    ['a time that does not exist', '{ queueAt: { at: 2027-02-30T09:15, queue: [] } }', /第 4 步: expect\.queueAt\.at 不存在的日期/],
    ['a flag kind that is not one', '{ flags: { v1: [conflcit] } }', /第 4 步: expect\.flags\.v1\.0 不正确/],
    [
      'a statement line with an extra field',
      '{ statementLines: { month: 2027-08, zhang: [{ deal: d1, cents: 1, rule: R-OWN-1, bps: 10000 }] } }',
      /第 4 步: 未知的 expect 键 statementLines\.zhang\.0\.bps/,
    ],
    ['statementLines without a month', '{ statementLines: { zhang: [] } }', /第 4 步: expect\.statementLines\.month 不正确/],
    ['a negative waiting count', '{ waiting: -1 }', /第 4 步: expect\.waiting 不正确/],
    ['a fractional notice count', '{ notices: { zhang: 1.5 } }', /第 4 步: expect\.notices\.zhang 不正确/],
  ])('refuses %s', (_what, expectYaml, message) => {
    expect(() => parseScenario(withExpect(expectYaml))).toThrow(message);
  });

  it('still accepts every v1 expectation key', () => {
    const v1 =
      '{ queue: [], next: zhang, verdict: { status: new }, lunchDesk: [], receivedBy: zhang, reception: roster, owner: {}, registration: {}, referral: {}, split: {}, cites: {}, dispute: {}, statement: { month: 2027-08 }, weekly: {}, due: {}, grade: {} }';
    expect(() => parseScenario(withExpect(v1))).not.toThrow();
  });
});

describe('scenario format documentation', () => {
  it('every expect key the parser accepts is either in the shared v1 format or in docs/scenario-format-extensions.md', () => {
    const v1 = readFileSync(resolve(__dirname, '../../../shared/scenario-format.md'), 'utf8');
    const ours = readFileSync(resolve(__dirname, '../../docs/scenario-format-extensions.md'), 'utf8');
    // named in the first cell of a table row: `key` or `key: …`
    const documented = (doc: string, key: string) =>
      doc.split('\n').some((line) => line.startsWith('|') && new RegExp(`\`${key}[:\`]`).test(line.split(/(?<!\\)\|/)[1] ?? ''));
    expect(EXPECT_KEYS.filter((k) => !documented(v1, k) && !documented(ours, k))).toEqual([]);
    for (const k of ['queueAt', 'waiting', 'flags', 'statementLines', 'notices']) expect(documented(ours, k), k).toBe(true);
  });
});
