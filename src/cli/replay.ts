/**
 * `salesdesk replay FILE…`: runs a scenario on a fresh in-memory database through `dispatch` — the same
 * door the desk, web mode and tests use — with the clock set to each step's `at`, and checks `expect`.
 */
import { randomBytes } from 'node:crypto';
import { isMethodName, type MethodSpec, spec } from '../api/spec';
import { openApp, type App } from '../app';
import { openPostgresApp } from '../app-postgres';
import { scratchDatabase } from '../db/postgres';
import { databaseFingerprint, gradeAt, noticeCount, staffIds, visitAt } from '../db/replay';
import { ManualClock } from '../domain/clock';
import { resolvePolicy } from '../domain/policy';
import { splitForDeal, statementFor } from '../services/deals';
import { disputeState } from '../services/disputes';
import { observeOwners, observeRegistration, observeRoster } from '../services/observe';
import { referralStatus } from '../services/referrals';
import { seedStaff } from '../services/staff';
import { iso, officeDay } from '../domain/time';
import { parseLocalTime, parseScenario, type Scenario, type ScenarioStep } from './scenario';
import { refusalLine } from './refusal';

export interface StepReport {
  line: number;
  at: string;
  label: string;
  ok: boolean;
  message: string;
}

export interface ReplayReport {
  name: string;
  ok: boolean;
  steps: StepReport[];
}

type Refs = Map<string, number>;

/** What the checks need besides the step: the names the file gave, and who may read what. */
interface Names {
  customers: Refs;
  records: Refs;
  /** deal id → the `ref` its deal.close step gave it, to name statement lines */
  deals: Map<number, string>;
  staff: Scenario['staff'];
}

class StepFailure extends Error {}

/** How each scenario action becomes an API call: which fields name customers, visits, or other records. */
const CUSTOMER_FIELDS: Record<string, string[]> = {
  'desk.walkIn': ['with'],
  'desk.announce': ['from'],
  'customer.identify': ['customer', 'sameAs'],
  'customer.household': ['a', 'b'],
  'deal.close': ['customer'],
  'dispute.raise': ['customer'],
  'followUp.log': ['customer'],
  'followUp.note': ['customer'],
  'customer.get': ['customer'],
};
const RECORD_FIELDS = ['visit', 'referral', 'deal', 'dispute'];

function translate(step: ScenarioStep, customers: Refs, records: Refs): { method: string; input: Record<string, unknown> } {
  const input: Record<string, unknown> = { ...step.fields };
  for (const f of CUSTOMER_FIELDS[step.do!] ?? []) {
    if (input[f] === undefined) continue;
    const id = customers.get(String(input[f]));
    if (id === undefined) throw new StepFailure(`未定义的客户引用 ${String(input[f])}`);
    input[f] = id;
  }
  for (const f of RECORD_FIELDS) {
    if (typeof input[f] !== 'string') continue;
    const id = records.get(input[f] as string);
    if (id === undefined) throw new StepFailure(`未定义的引用 ${String(input[f])}`);
    input[f] = id;
  }
  return { method: step.do!, input };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
function recordRef(records: Refs, ref: string): number {
  const id = records.get(ref);
  if (id === undefined) throw new StepFailure(`未定义的引用 ${ref}`);
  return id;
}
const sameSet = (a: string[], b: string[]) => same([...a].sort(), [...b].sort());

/**
 * The v1.1 checks read through the API like the screens do, as the first person in the file the method
 * lets in (a check is no person's action, so it borrows one that may look).
 */
async function read(app: App, staff: Scenario['staff'], name: string, input: Record<string, unknown>): Promise<any> {
  if (!isMethodName(name)) throw new StepFailure(`操作 ${name} 尚未实现`);
  const roles: MethodSpec['roles'] = spec[name].roles;
  const reader = roles === 'public' ? null : staff.find((s) => s.roles.some((r) => roles.includes(r)));
  if (roles !== 'public' && !reader) throw new StepFailure(`核对需要调用 ${name}，但场景中没有可调用它的人员（${roles.join('/')}）`);
  const out = (await app.dispatch(reader ? { staffId: reader.id } : null, name, input)).result;
  if (!out.ok) throw new StepFailure(`${name}: ${out.error.code}: ${refusalLine(out.error)}`);
  return out.value;
}

/** The PM's flags on one registration (R-OWN-3) as kinds: each flag carries its own (src/domain/registration-flags.ts). */
export function flagKinds(row: { flags: readonly { kind: string }[] }): string[] {
  return row.flags.map((f) => f.kind);
}

async function check(app: App, step: ScenarioStep, result: any, names: Names): Promise<string[]> {
  const { customers, records } = names;
  const problems: string[] = [];
  const now = step.at;
  const db = app.db;
  const roster = async () => observeRoster(db, now);
  for (const [key, want] of Object.entries(step.expect ?? {})) {
    switch (key) {
      case 'queue': {
        const got = (await roster())?.queue.map((e) => e.id) ?? [];
        if (!same(got, want)) problems.push(`queue 应为 [${want}]，实际 [${got}]`);
        break;
      }
      case 'next': {
        const got = (await roster())?.next ?? null;
        if (got !== want) problems.push(`next 应为 ${want}，实际 ${got}`);
        break;
      }
      case 'lunchDesk': {
        const got = (await roster())?.lunchDesk ?? [];
        if (!same(got, want)) problems.push(`lunchDesk 应为 [${want}]，实际 [${got}]`);
        break;
      }
      case 'receivedBy':
        if (result?.receivedBy?.id !== want) problems.push(`receivedBy 应为 ${want}，实际 ${result?.receivedBy?.id}`);
        break;
      case 'reception':
        if (result?.reception !== want) problems.push(`reception 应为 ${want}，实际 ${result?.reception}`);
        break;
      case 'verdict': {
        const w = want as { status: string; owner?: string[]; until?: string };
        const got = { status: result?.status, owner: (result?.owners ?? []).map((o: { id: string }) => o.id), until: result?.until };
        if (got.status !== w.status) problems.push(`verdict.status 应为 ${w.status}，实际 ${got.status}`);
        if (w.owner && !sameSet(got.owner, w.owner)) problems.push(`verdict.owner 应为 [${w.owner}]，实际 [${got.owner}]`);
        if (w.until !== undefined && got.until !== String(w.until)) problems.push(`verdict.until 应为 ${w.until}，实际 ${got.until}`);
        break;
      }
      case 'owner':
        for (const [ref, w] of Object.entries(want as Record<string, string[] | 'none'>)) {
          const id = customers.get(ref);
          if (id === undefined) throw new StepFailure(`未定义的客户引用 ${ref}`);
          const got = await observeOwners(db, id, now);
          const expected = w === 'none' ? [] : w;
          if (!sameSet(got, expected))
            problems.push(`owner.${ref} 应为 ${w === 'none' ? 'none' : `[${w}]`}，实际 ${got.length ? `[${got}]` : 'none'}`);
        }
        break;
      case 'registration':
        for (const [ref, w] of Object.entries(want as Record<string, string>)) {
          const id = records.get(ref);
          if (id === undefined) throw new StepFailure(`未定义的引用 ${ref}`);
          const got = await observeRegistration(db, id, now);
          if (got !== w) problems.push(`registration.${ref} 应为 ${w}，实际 ${got}`);
        }
        break;
      case 'referral':
        for (const [ref, w] of Object.entries(want as Record<string, string>)) {
          const got = await referralStatus(db, recordRef(records, ref), now);
          if (got !== w) problems.push(`referral.${ref} 应为 ${w}，实际 ${got}`);
        }
        break;
      case 'dispute':
        for (const [ref, w] of Object.entries(want as Record<string, string>)) {
          const got = (await disputeState(db, recordRef(records, ref), now)).status;
          if (got !== w) problems.push(`dispute.${ref} 应为 ${w}，实际 ${got}`);
        }
        break;
      case 'split':
        for (const [ref, w] of Object.entries(want as Record<string, Record<string, number>>)) {
          const split = await splitForDeal(db, recordRef(records, ref), now);
          const got = Object.fromEntries(split.lines.filter((l) => l.amount !== 0).map((l) => [l.beneficiary, l.amount]));
          if (split.problem) problems.push(`split.${ref}: ${split.problem}`);
          else if (!same(sortKeys(got), sortKeys(w))) problems.push(`split.${ref} 应为 ${JSON.stringify(w)}，实际 ${JSON.stringify(got)}`);
        }
        break;
      case 'cites':
        for (const [ref, w] of Object.entries(want as Record<string, string[]>)) {
          const split = await splitForDeal(db, recordRef(records, ref), now);
          const got = [...new Set(split.lines.flatMap((l) => l.cites.map((c) => c.rule)))];
          if (!sameSet(got, w)) problems.push(`cites.${ref} 应为 [${w}]，实际 [${got}]`);
        }
        break;
      case 'statement': {
        const { month, ...w } = want as Record<string, number | string>;
        const st = await statementFor(db, String(month), now);
        const got = Object.fromEntries(Object.entries(st.totals).filter(([, v]) => v !== 0));
        if (!same(sortKeys(got), sortKeys(w))) problems.push(`statement ${month} 应为 ${JSON.stringify(w)}，实际 ${JSON.stringify(got)}`);
        break;
      }
      case 'weekly': {
        // on a report.weekly step: its totals, and per consultant where given
        const w = want as {
          calls?: number;
          visits?: number;
          deals?: number;
          perConsultant?: Record<string, { calls?: number; visits?: number; deals?: number }>;
        };
        if (!result?.totals) throw new StepFailure('expect.weekly 只能用在 report.weekly 步骤上');
        for (const k of ['calls', 'visits', 'deals'] as const)
          if (w[k] !== undefined && result.totals[k] !== w[k]) problems.push(`weekly.${k} 应为 ${w[k]}，实际 ${result.totals[k]}`);
        for (const [id, counts] of Object.entries(w.perConsultant ?? {})) {
          const got = result.perConsultant.find((p: { id: string }) => p.id === id);
          for (const [k, v] of Object.entries(counts))
            if (got?.[k] !== v) problems.push(`weekly.perConsultant.${id}.${k} 应为 ${v}，实际 ${got?.[k]}`);
        }
        break;
      }
      case 'due':
        // what each consultant's "today" lists as due or overdue
        for (const [consultant, refs] of Object.entries(want as Record<string, string[]>)) {
          const out = (await app.dispatch({ staffId: consultant }, 'followUp.today', {})).result as any;
          if (!out.ok) throw new StepFailure(`followUp.today (${consultant}): ${refusalLine(out.error)}`);
          const got = out.value.due.map((d: { customer: { id: number } }) => d.customer.id);
          const expected = refs.map((r) => customers.get(r) ?? -1);
          if (!same([...got].sort(), [...expected].sort())) problems.push(`due.${consultant} 应为 [${refs}]，实际 ${got.length} 位`);
        }
        break;
      case 'grade':
        for (const [ref, w] of Object.entries(want as Record<string, string>)) {
          const id = customers.get(ref);
          if (id === undefined) throw new StepFailure(`未定义的客户引用 ${ref}`);
          const grade = await gradeAt(db, id, now.toISOString());
          if (grade !== w) problems.push(`grade.${ref} 应为 ${w}，实际 ${grade ?? 'none'}`);
        }
        break;
      case 'queueAt': {
        const w = want as { at: string; queue: string[] };
        const view = await read(app, names.staff, 'roster.at', { at: iso(parseLocalTime(w.at)) });
        const got = view?.queue.map((e: { id: string }) => e.id) ?? [];
        if (!same(got, w.queue)) problems.push(`queueAt ${w.at} 应为 [${w.queue}]，实际 ${view ? `[${got}]` : '当时没有排班'}`);
        break;
      }
      case 'waiting': {
        const got = (await roster())?.waiting.length ?? 0;
        if (got !== want) problems.push(`waiting 应为 ${want}，实际 ${got}`);
        break;
      }
      case 'flags':
        for (const [ref, w] of Object.entries(want as Record<string, string[]>)) {
          const visitId = recordRef(records, ref);
          const visit = await visitAt(db, visitId);
          if (!visit) throw new StepFailure(`${ref} 不是来访记录`);
          const rows = (await read(app, names.staff, 'registration.day', { day: officeDay(new Date(visit)) })) as {
            visit_id: number;
            flags: { kind: string }[];
          }[];
          const row = rows.find((r) => r.visit_id === visitId);
          const got = row ? flagKinds(row) : [];
          if (!sameSet(got, w))
            problems.push(`flags.${ref} 应为 [${w}]，实际 [${got}]${row?.flags.length ? ` ${JSON.stringify(row.flags)}` : ''}`);
        }
        break;
      case 'statementLines': {
        const { month, ...w } = want as Record<string, unknown>;
        const st = await read(app, names.staff, 'statement.month', { month });
        for (const [person, lines] of Object.entries(w as Record<string, { deal: string; cents: number; rule: string | string[] }[]>)) {
          const shape = (deal: string, cents: number, rules: string[]) => JSON.stringify({ deal, cents, rule: [...rules].sort() });
          const got = (st.deals as { dealId: number; lines: { beneficiary: string; amount: number; cites: { rule: string }[] }[] }[])
            .flatMap((d) =>
              d.lines
                .filter((l) => l.beneficiary === person && l.amount !== 0)
                .map((l) => shape(names.deals.get(d.dealId) ?? `#${d.dealId}`, l.amount, [...new Set(l.cites.map((c) => c.rule))])),
            )
            .sort();
          const expected = lines.map((l) => shape(l.deal, l.cents, typeof l.rule === 'string' ? [l.rule] : l.rule)).sort();
          if (!same(got, expected))
            problems.push(`statementLines ${String(month)} ${person} 应为 [${expected.join(', ')}]，实际 [${got.join(', ')}]`);
        }
        break;
      }
      case 'notices':
        // R-ROS-9: a visit received on the owner's behalf is registered in the owner's name (src/db/replay.ts noticeCount)
        for (const [person, w] of Object.entries(want as Record<string, number>)) {
          const n = await noticeCount(db, person, iso(now));
          if (n !== w) problems.push(`notices.${person} 应为 ${w}，实际 ${n}`);
        }
        break;
      default:
        problems.push(`未知的 expect 键 ${key}`);
    }
  }
  return problems;
}

/**
 * `inspect` sees the replayed database before it is closed (tests read reports off a replayed day).
 * `onto` replays on an existing office (after a restore, say) instead of a fresh in-memory one: staff
 * already there are kept, the others added.
 */
export async function replayScenario(
  scenario: Scenario,
  inspect?: (app: App, clock: ManualClock) => Promise<void>,
  onto?: { app: App; clock: ManualClock },
): Promise<ReplayReport> {
  const first = scenario.steps[0]?.at ?? new Date();
  const clock = onto?.clock ?? new ManualClock(first);
  const app = onto?.app ?? (await openApp({ dbPath: ':memory:', clock }));
  const reports: StepReport[] = [];
  try {
    resolvePolicy(scenario.policy);
    const existing = await staffIds(app.db);
    await seedStaff(
      app.db,
      scenario.staff.filter((s) => !existing.has(s.id)),
      new Date(0),
      scenario.policy,
    );
    const customers: Refs = new Map();
    const records: Refs = new Map();
    const names: Names = { customers, records, deals: new Map(), staff: scenario.staff };
    for (const step of scenario.steps) {
      clock.set(step.at);
      const label = step.do ? `${step.as ?? '-'} ${step.do}` : 'expect';
      const report = (ok: boolean, message: string) => reports.push({ line: step.line, at: step.atText, label, ok, message });
      try {
        let result: any = null;
        if (step.do) {
          if (!app.methodNames().includes(step.do)) throw new StepFailure(`操作 ${step.do} 尚未实现 (not implemented)`);
          const { method, input } = translate(step, customers, records);
          const before = step.expectError ? await databaseFingerprint(app.db) : '';
          const out = await app.dispatch(step.as ? { staffId: step.as } : null, method, input);
          if (step.expectError) {
            if (out.result.ok) throw new StepFailure(`应当失败（${step.expectError}），却成功了`);
            if (out.result.error.code !== step.expectError)
              throw new StepFailure(`应当以 ${step.expectError} 失败，实际 ${out.result.error.code}: ${refusalLine(out.result.error)}`);
            if ((await databaseFingerprint(app.db)) !== before) throw new StepFailure('失败的操作改动了数据');
            report(true, `按预期拒绝：${out.result.error.code}`);
            continue;
          }
          if (!out.result.ok) throw new StepFailure(`${out.result.error.code}: ${refusalLine(out.result.error)}`);
          result = out.result.value;
          if (step.ref) records.set(step.ref, result?.visitId ?? result?.id);
          if (step.ref && step.do === 'deal.close') names.deals.set(result.id, step.ref);
          if (step.customerRef) {
            if (typeof result?.customerId !== 'number') throw new StepFailure(`${step.do} 没有返回客户，无法设置 customerRef`);
            customers.set(step.customerRef, result.customerId);
          }
        }
        const problems = await check(app, step, result, names);
        if (problems.length) throw new StepFailure(problems.join('; '));
        report(true, describe(result));
      } catch (e) {
        if (e instanceof StepFailure) report(false, e.message);
        else report(false, `出错: ${(e as Error).message}`);
      }
    }
    if (inspect) await inspect(app, clock);
  } finally {
    if (!onto) await app.close();
  }
  return { name: scenario.name, ok: reports.every((r) => r.ok), steps: reports };
}

function describe(result: any): string {
  if (!result) return 'ok';
  if (result.receivedBy) return `→ ${result.receivedBy.id} (${result.reception})`;
  if (result.status && 'owners' in result)
    return `verdict ${result.status}${result.owners.length ? ` ${result.owners.map((o: { id: string }) => o.id)} until ${result.until}` : ''}`;
  if (Array.isArray(result.queue)) return `queue [${result.queue.map((e: { id: string }) => e.id)}]`;
  return 'ok';
}

/**
 * With SALESDESK_DATABASE_URL set, each scenario replays in a scratch database of its own on that server (made
 * and dropped here), never in the group's database the URL names.
 */
export async function replayText(text: string, inspect?: (app: App, clock: ManualClock) => Promise<void>): Promise<ReplayReport> {
  const scenario = parseScenario(text);
  const url = process.env.SALESDESK_DATABASE_URL;
  if (!url) return replayScenario(scenario, inspect);
  const scratch = await scratchDatabase(url, 'salesdesk_replay');
  try {
    const clock = new ManualClock(scenario.steps[0]?.at ?? new Date());
    const app = await openPostgresApp({ databaseUrl: scratch.url, ledgerKey: randomBytes(32), clock });
    try {
      return await replayScenario(scenario, inspect, { app, clock });
    } finally {
      await app.close();
    }
  } finally {
    await scratch.drop();
  }
}
