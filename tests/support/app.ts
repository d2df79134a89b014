/**
 * Test helpers: a fresh app with a fixed clock and the demo team used across tests — on a temp SQLite file, or
 * with SALESDESK_DATABASE_URL set in a fresh PostgreSQL database from the run's template (tests/support/engine.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodName } from '../../src/api/spec';
import type { ApiErrorBody, ApiResult } from '../../src/api/errors';
import type { App } from '../../src/app';
import { refusalLine } from '../../src/cli/refusal';
import { ManualClock } from '../../src/domain/clock';
import type { Output as HandlerOutput } from '../../src/services/handlers';
import { openTestEngineApp } from './engine';

/** Each person's PIN in tests is PINS[id]; nobody shares one. */
export const PINS = {
  dir: '900001',
  mgr: '900002',
  pm: '900003',
  qian: '900004',
  zhang: '900005',
  li: '900006',
  wang: '900007',
  sun: '900008',
} as const;

export const TEAM = [
  { id: 'dir', name: '赵总', roles: ['sales_director', 'admin'], pin: PINS.dir },
  { id: 'mgr', name: '陈静', roles: ['sales_manager'], pin: PINS.mgr },
  { id: 'pm', name: '刘强', roles: ['project_manager'], pin: PINS.pm },
  { id: 'qian', name: '钱敏', roles: ['front_desk'], pin: PINS.qian },
  { id: 'zhang', name: '张伟', roles: ['consultant'], pin: PINS.zhang },
  { id: 'li', name: '李娜', roles: ['consultant'], pin: PINS.li },
  { id: 'wang', name: '王芳', roles: ['consultant'], pin: PINS.wang },
  { id: 'sun', name: '孙丽', roles: ['employee'], pin: PINS.sun },
] as const;

/** What a method answers, as its handler declares it (the same type renderer/api/client.ts gives screens). */
export type Output<M extends MethodName> = HandlerOutput<M>;

export interface TestApp {
  app: App;
  clock: ManualClock;
  /** a temporary folder of the test's own (on SQLite the database file is in it) */
  dir: string;
  /** the SQLite file (on PostgreSQL none is made: tests of the file itself skip there) */
  path: string;
  /**
   * dispatch as a person and return the answer (ok or error). The input stays `unknown`: tests send wrong
   * inputs on purpose; a method the contract lacks goes through `app.dispatch`.
   */
  as<M extends MethodName>(staffId: string | null, method: M, input?: unknown): Promise<ApiResult<Output<M>>>;
  /** dispatch and require success */
  ok<M extends MethodName>(staffId: string | null, method: M, input?: unknown): Promise<Output<M>>;
  close(): Promise<void>;
}

export async function testApp(opts: { seed?: boolean; at?: string } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-test-'));
  const path = join(dir, 'salesdesk.sqlite');
  const clock = new ManualClock(new Date(opts.at ?? '2026-03-02T09:00:00'));
  const app = await openTestEngineApp({ dir, clock });
  // dispatch answers any name with ApiResult<unknown>; for a contract method it is that method's output
  const as = async <M extends MethodName>(staffId: string | null, method: M, input: unknown = {}) =>
    (await app.dispatch(staffId ? { staffId } : null, method, input)).result as ApiResult<Output<M>>;
  const ok = async <M extends MethodName>(staffId: string | null, method: M, input: unknown = {}): Promise<Output<M>> => {
    const r = await as(staffId, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${refusalLine(r.error)}`);
    return r.value;
  };
  if (opts.seed !== false) await ok(null, 'setup.firstRun', { staff: TEAM });
  return {
    app,
    clock,
    dir,
    path,
    as,
    ok,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The refusal in an answer; throws (failing the test) if the call succeeded. */
export function refusal<T>(r: ApiResult<T>): ApiErrorBody {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)?.slice(0, 200)}`);
  return r.error;
}
