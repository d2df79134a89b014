/** Test helpers: a fresh app on a temp file with a fixed clock and the demo team used across tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, openApp } from '../../src/app';
import { ManualClock } from '../../src/domain/clock';

/** Each person's PIN in tests is PINS[id]; nobody shares one. */
export const PINS = { dir: '900001', mgr: '900002', pm: '900003', qian: '900004', zhang: '900005', li: '900006', wang: '900007', sun: '900008' } as const;

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

export interface TestApp {
  app: App;
  clock: ManualClock;
  dir: string;
  path: string;
  /** dispatch as a person and return the answer (ok or error) */
  as(staffId: string | null, method: string, input?: unknown): Promise<any>;
  /** dispatch and require success */
  ok(staffId: string | null, method: string, input?: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function testApp(opts: { seed?: boolean; at?: string } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-test-'));
  const path = join(dir, 'salesdesk.sqlite');
  const clock = new ManualClock(new Date(opts.at ?? '2026-03-02T09:00:00'));
  const app = await openApp({ dbPath: path, clock });
  const as = async (staffId: string | null, method: string, input: unknown = {}) => (await app.dispatch(staffId ? { staffId } : null, method, input)).result;
  const ok = async (staffId: string | null, method: string, input: unknown = {}) => {
    const r = await as(staffId, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
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
