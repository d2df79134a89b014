/**
 * Scenario files (../shared/scenario-format.md, v1, with the project's v1.1 additions in
 * docs/scenario-format-extensions.md): parsing and the checks that make a file valid.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { ROLES } from '../domain/roles';

const stepKeys = ['at', 'as', 'do', 'ref', 'customerRef', 'expect', 'expectError'] as const;

export interface ScenarioStep {
  at: Date;
  atText: string;
  as?: string;
  do?: string;
  ref?: string;
  customerRef?: string;
  expect?: Record<string, unknown>;
  expectError?: string;
  /** the action's own fields */
  fields: Record<string, unknown>;
  line: number;
}

export interface Scenario {
  name: string;
  policy: Record<string, unknown>;
  staff: { id: string; name: string; roles: (typeof ROLES)[number][] }[];
  steps: ScenarioStep[];
}

/** The PM's flag kinds on a registration (R-OWN-3), as the replayer derives them from registration.day. */
export const FLAG_KINDS = ['conflict', 'possible_match'] as const;

const ids = z.array(z.string());
const count = z.number().int().nonnegative();
/**
 * Every expectation key, so a misspelt one stops the file at parse time instead of passing silently.
 * The v1 keys keep their loose shapes (the replayer compares them); the v1.1 keys are checked here.
 */
const expectSchema = z
  .object({
    queue: ids,
    next: z.string().nullable(),
    lunchDesk: ids,
    receivedBy: z.string(),
    reception: z.string(),
    verdict: z.unknown(),
    owner: z.unknown(),
    registration: z.unknown(),
    referral: z.unknown(),
    split: z.unknown(),
    cites: z.unknown(),
    dispute: z.unknown(),
    statement: z.unknown(),
    weekly: z.unknown(),
    due: z.unknown(),
    grade: z.unknown(),
    queueAt: z.object({ at: z.string(), queue: ids }).strict(),
    waiting: count,
    flags: z.record(z.string(), z.array(z.enum(FLAG_KINDS))),
    statementLines: z
      .object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'month 应为 YYYY-MM') })
      .catchall(z.array(z.object({ deal: z.string(), cents: z.number().int(), rule: z.union([z.string(), ids.min(1)]) }).strict())),
    notices: z.record(z.string(), count),
  })
  .partial()
  .strict();

/** Every key an `expect` block may use (the v1 ones of ../shared/scenario-format.md and the project's). */
export const EXPECT_KEYS: readonly string[] = Object.keys(expectSchema.shape);

function checkExpect(where: string, expect: unknown): Record<string, unknown> | undefined {
  if (expect === undefined) return undefined;
  const r = expectSchema.safeParse(expect);
  if (r.success) {
    const at = (r.data.queueAt as { at: string } | undefined)?.at;
    if (at !== undefined) {
      try {
        parseLocalTime(at);
      } catch (e) {
        throw new Error(`${where}: expect.queueAt.at ${(e as Error).message}`, { cause: e });
      }
    }
    return expect as Record<string, unknown>;
  }
  const issue = r.error.issues[0]!;
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    throw new Error(`${where}: 未知的 expect 键 ${issue.keys.map((k) => [path, k].filter(Boolean).join('.')).join(', ')}`);
  throw new Error(`${where}: expect.${path} 不正确：${issue.message}`);
}

const fileSchema = z
  .object({
    name: z.string().min(1),
    policy: z.record(z.string(), z.unknown()).default({}),
    staff: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), roles: z.array(z.enum(ROLES)).min(1) }).strict()).min(1),
    steps: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();

/** Local office time: `2026-03-07T09:00`, with optional seconds; a date alone means 00:00. */
export function parseLocalTime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) throw new Error(`时间格式不正确: ${text}（应为 2026-03-07T09:00 或 2026-03-07）`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d)) throw new Error(`不存在的日期: ${text}`);
  return date;
}

export function parseScenario(text: string): Scenario {
  const raw = fileSchema.parse(parse(text));
  let previous: Date | null = null;
  const steps = raw.steps.map((s, i) => {
    const where = `第 ${i + 1} 步`;
    if (typeof s.at !== 'string') throw new Error(`${where}: 缺少 at`);
    const at = parseLocalTime(s.at);
    if (previous && at < previous) throw new Error(`${where}: 时间倒退（${s.at}）`);
    previous = at;
    if (s.do === undefined && s.expect === undefined) throw new Error(`${where}: 既没有 do 也没有 expect`);
    if (s.do !== undefined && typeof s.do !== 'string') throw new Error(`${where}: do 应为文本`);
    if (s.expectError !== undefined && s.expect !== undefined) throw new Error(`${where}: expect 与 expectError 不能同时出现`);
    const expect = checkExpect(where, s.expect);
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) if (!(stepKeys as readonly string[]).includes(k)) fields[k] = v;
    if (s.do === undefined && Object.keys(fields).length) throw new Error(`${where}: 未知字段 ${Object.keys(fields).join(', ')}`);
    return {
      at,
      atText: s.at,
      as: s.as as string | undefined,
      do: s.do as string | undefined,
      ref: s.ref as string | undefined,
      customerRef: s.customerRef as string | undefined,
      expect,
      expectError: s.expectError as string | undefined,
      fields,
      line: i + 1,
    };
  });
  return { name: raw.name, policy: raw.policy, staff: raw.staff, steps };
}
