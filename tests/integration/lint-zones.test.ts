/**
 * The import zones of eslint.config.mjs refuse what they must (issue 15 item 7). Each case lints a line of
 * code as if it were a file in that zone (the file need not exist), through ESLint's own API and the
 * project's config: a zone that stops refusing, or starts refusing what is allowed, fails here. So do the
 * screens' rules (no timer, no api.call in an effect: they read through useApi).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const ZONE_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-imports', 'no-restricted-syntax']);
const eslint = new ESLint({ cwd: ROOT });

/** The zone errors (and any parse failure) for `code` as the file `file` (relative to the repo root). */
async function zoneErrors(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(ROOT, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  return result.messages.filter((m) => m.fatal || (m.severity === 2 && m.ruleId !== null && ZONE_RULES.has(m.ruleId)));
}

type Case = [file: string, code: string];

function zone(name: string, refused: Case[], allowed: Case[]) {
  describe(name, () => {
    it.each(refused)('%s refuses: %s', async (file, code) => {
      const errors = await zoneErrors(file, code);
      expect(errors.length, `${file}: ${code}`).toBeGreaterThan(0);
      expect(errors.every((m) => !m.fatal)).toBe(true);
    });
    it.each(allowed)('%s allows: %s', async (file, code) => {
      expect(await zoneErrors(file, code)).toEqual([]);
    });
  });
}

zone(
  'src/domain imports only itself, date-fns and pinyin-pro',
  [
    ['src/domain/x.ts', "import fs from 'node:fs';"],
    ['src/domain/x.ts', "import { createHash } from 'crypto';"],
    ['src/domain/x.ts', "import { Kysely } from 'kysely';"],
    ['src/domain/x.ts', "import type { Kysely } from 'kysely';"],
    ['src/domain/x.ts', "import { z } from 'zod';"],
    ['src/domain/x.ts', "import { openDatabase } from '../db/open';"],
    ['src/domain/x.ts', "import type { Actor } from '../services/context';"],
    ['src/domain/x.ts', "import { fail } from '../api/errors';"],
    ['src/domain/x.ts', "export { startServer } from '../server/start';"],
    ['src/domain/rules/x.ts', "import { openDatabase } from '../../db/open';"],
    ['src/domain/x.ts', "export const load = () => import('./money');"],
  ],
  [
    ['src/domain/x.ts', "import { addMonths } from 'date-fns';"],
    ['src/domain/x.ts', "import { zhCN } from 'date-fns/locale';"],
    ['src/domain/x.ts', "import { pinyin } from 'pinyin-pro';"],
    ['src/domain/x.ts', "import { FULL_BPS } from './money';"],
    ['src/domain/rules/x.ts', "import { FULL_BPS } from '../money';"],
  ],
);

zone(
  'src/services: no src/server, electron or React; SQLite-specific SQL only in src/db',
  [
    ['src/services/x.ts', "import { sql } from 'kysely';"],
    ['src/services/x.ts', "import { sql as raw, type Kysely } from 'kysely';"],
    ['src/services/x.ts', "import * as k from 'kysely';"],
    ['src/services/x.ts', "import Database from 'better-sqlite3';"],
    ['src/services/x.ts', "import { startServer } from '../server/start';"],
    ['src/services/x.ts', "import type { Server } from '../server/http';"],
    ['src/services/x.ts', "import { app } from 'electron';"],
    ['src/services/x.ts', "import { useState } from 'react';"],
    ['src/services/sub/x.ts', "import { startServer } from '../../server/start';"],
    ['src/services/x.ts', "import { createCallHandler } from '../../electron/ipc';"],
    ['src/services/sub/x.ts', "import type { ParentPortLike } from '../../../electron/core-process';"],
    // lists.ts's TEMPORARY exception is gone: its SQL is in src/db/queries/lists.ts
    ['src/services/lists.ts', "import { sql } from 'kysely';"],
  ],
  [
    ['src/services/x.ts', "import type { Kysely } from 'kysely';"],
    ['src/services/x.ts', "import { z } from 'zod';"],
    ['src/services/x.ts', "import { inTransaction } from '../db/transaction';"],
    ['src/services/x.ts', "import { walkIn } from '../domain/roster';"],
  ],
);

zone(
  'src/services never build a query: reads in src/db/queries, writes in src/db/writes',
  [
    ['src/services/x.ts', "export const f = (tx: any) => tx.selectFrom('customers').selectAll().execute();"],
    ['src/services/x.ts', "export const f = (tx: any) => tx.insertInto('audit_log').values({}).execute();"],
    ['src/services/x.ts', "export const f = (tx: any) => tx.updateTable('staff').set({ active: 0 }).execute();"],
    ['src/services/x.ts', "export const f = (tx: any) => tx.deleteFrom('staff_roles').execute();"],
    ['src/services/x.ts', "export const f = (tx: any) => tx.replaceInto('staff').values({}).execute();"],
    ['src/services/x.ts', "export const f = (tx: any) => tx.mergeInto('staff').execute();"],
    ['src/services/x.ts', "export const f = (tx: any) => tx['selectFrom']('deals').execute();"],
    [
      'src/services/x.ts',
      "export const f = (tx: any) => tx.selectFrom('customers').where('id', 'in', (eb: any) => eb.selectFrom('deals').select('customer_id'));",
    ],
    ['src/services/sub/x.ts', "export const f = async (w: any) => (await w).selectFrom('staff').execute();"],
    ['src/services/x.ts', "export const f = (db: any) => precompiled((d: any) => d.selectFrom('visits'));"],
  ],
  [
    ['src/services/x.ts', "import { customerById } from '../db/queries/customers';\nexport const f = (tx: any) => customerById(tx, 1);"],
    [
      'src/services/x.ts',
      "import { insertAudit } from '../db/writes/audit';\nexport const f = (tx: any) => insertAudit(tx, new Date(), null, 'x', {});",
    ],
    ['src/services/x.ts', 'export const selectFrom = 1; export const f = (o: { selectFromList: () => void }) => o.selectFromList();'],
    ['src/db/queries/x.ts', "export const f = (tx: any) => tx.selectFrom('customers').selectAll().execute();"],
    ['src/db/writes/x.ts', "export const f = (tx: any) => tx.insertInto('audit_log').values({}).execute();"],
  ],
);
// That no service breaks it today is `npm run lint`'s to say (part of `npm test`).

zone(
  'src/cli builds no query either: the replayer reads through src/db/replay.ts (issue 15 point 1)',
  [
    ['src/cli/x.ts', "export const f = (db: any) => db.selectFrom('visits').select('at').execute();"],
    ['src/cli/x.ts', "export const f = (db: any) => db.insertInto('staff').values({}).execute();"],
    ['src/cli/x.ts', "export const f = (db: any, t: string) => db['selectFrom'](t).selectAll().execute();"],
    ['src/cli/sub/x.ts', "export const f = (db: any) => db.deleteFrom('audit_log').execute();"],
    ['src/cli/x.ts', "import { sql } from 'kysely';"],
    ['src/cli/x.ts', "import Database from 'better-sqlite3';"],
  ],
  [
    ['src/cli/x.ts', "import { gradeAt } from '../db/replay';\nexport const f = (db: any) => gradeAt(db, 1, '2026-01-01');"],
    ['src/cli/x.ts', "import type { Kysely } from 'kysely';"],
    ['src/db/replay.ts', "export const f = (db: any) => db.selectFrom('visits').select('at').execute();"],
  ],
);

zone(
  'src outside src/server and src/cli runs without a UI',
  [
    ['src/db/x.ts', "import { app } from 'electron';"],
    ['src/api/x.ts', "import { useState } from 'react';"],
    ['src/x.ts', "import { createRoot } from 'react-dom/client';"],
  ],
  [
    ['src/server/x.ts', "import { app } from 'electron';"],
    ['src/cli/x.ts', "import { useState } from 'react';"],
  ],
);

zone(
  'renderer takes values from src only via the spec; types from anywhere',
  [
    ['renderer/screens/X.tsx', "import { staffList } from '../../src/services/staff';"],
    ['renderer/screens/X.tsx', "import { isFree } from '../../src/domain/roster';"],
    ['renderer/screens/X.tsx', "import { type RosterState, isFree } from '../../src/domain/roster';"],
    ['renderer/screens/X.tsx', "import { CONTRACT } from '../../src/api/contract';"],
    ['renderer/screens/X.tsx', "import { spec } from '../../src/api/specification';"],
    ['renderer/main.tsx', "import { openDatabase } from '../src/db/open';"],
    ['renderer/a/b/X.tsx', "import { openDatabase } from '../../../src/db/open';"],
  ],
  [
    ['renderer/screens/X.tsx', "import type { Actor } from '../../src/services/context';"],
    ['renderer/screens/X.tsx', "import { type RosterState } from '../../src/domain/roster';"],
    ['renderer/screens/X.tsx', "import { can } from '../../src/api/spec';"],
    ['renderer/screens/X.tsx', "import { DESK } from '../../src/api/spec/desk';"],
    ['renderer/screens/X.tsx', "import { AREAS } from '../../src/api/changes';"],
    ['renderer/screens/X.tsx', "import { ERROR_CODES } from '../../src/api/errors';"],
    ['renderer/screens/X.tsx', "import { REASONS } from '../../src/api/reasons';"],
    ['renderer/screens/X.tsx', "import { DESK_REASONS } from '../../src/api/reasons/desk';"],
    ['renderer/main.tsx', "import { can } from '../src/api/spec';"],
  ],
);

zone(
  'migrations import no app code',
  [
    ['migrations/0099_x.ts', "import { plusMonths } from '../src/domain/time';"],
    ['migrations/0099_x.ts', "import type { Database } from '../src/db/schema';"],
    ['migrations/0099_x.ts', "import { App } from '../renderer/App';"],
    ['migrations/0099_x.ts', "import { createWindow } from '../electron/main';"],
  ],
  [
    ['migrations/0099_x.ts', "import { type Kysely, sql } from 'kysely';"],
    ['migrations/0099_x.ts', "import { pinyin } from 'pinyin-pro';"],
    ['migrations/0099_x.ts', "import * as m0001 from './0001_initial';"],
  ],
);

zone(
  'electron is the shell: no renderer; the main process opens no database, only core-process.ts starts the core',
  [
    ['electron/x.ts', "import { App } from '../renderer/App';"],
    ['electron/x.ts', "import { openApp } from '../src/app';"],
    ['electron/x.ts', "import { openDatabase } from '../src/db/open';"],
    ['electron/x.ts', "import { dispatch } from '../src/services/dispatch';"],
    ['electron/x.ts', "import { startCore } from '../src/core';"],
    ['electron/sub/x.ts', "import { startCore } from '../../src/core/index';"],
    ['electron/core-process.ts', "import { App } from '../renderer/App';"],
  ],
  [
    ['electron/x.ts', "import { app } from 'electron';"],
    ['electron/x.ts', "import { connectCore } from '../src/core/protocol';"],
    ['electron/x.ts', "import { AREAS } from '../src/api/changes';"],
    ['electron/x.ts', "import type { App } from '../src/app';"],
    ['electron/core-process.ts', "import { startCore } from '../src/core';"],
    ['electron/core-process.ts', "import { serveCore } from '../src/core/protocol';"],
  ],
);

zone(
  'renderer/screens read through useApi: no timer, no api.call in an effect (issue 15 item 6)',
  [
    ['renderer/screens/X.tsx', 'const timer = setInterval(() => void load(), 5000);'],
    ['renderer/screens/X.tsx', 'window.setInterval(() => void load(), 5000);'],
    [
      'renderer/screens/X.tsx',
      "useEffect(() => { void api.call('deal.list', { month }).then((r) => r.ok && setDeals(r.value)); }, [month]);",
    ],
    ['renderer/screens/X.tsx', "useLayoutEffect(() => { void api.call('staff.list', {}); }, []);"],
    [
      'renderer/screens/sub/X.tsx',
      "useEffect(() => { let live = true; api.call('policy.get', {}).then(() => live); return () => { live = false; }; }, []);",
    ],
    // the clock's exception is for the timer only
    ['renderer/screens/Lobby.tsx', "useEffect(() => { void api.call('roster.board', {}); }, []);"],
    // a moving screen's exception is for the effect only
    ['renderer/screens/Customer.tsx', 'setInterval(() => void load(), 5000);'],
  ],
  [
    ['renderer/screens/X.tsx', "const list = useApi('deal.list', { month }, { areas: ['deals', 'disputes'] });"],
    ['renderer/screens/X.tsx', "const save = async () => { const r = await api.call('deal.close', input); if (r.ok) list.reload(); };"],
    [
      'renderer/screens/X.tsx',
      'useEffect(() => { const t = setTimeout(() => field.current?.focus(), 0); return () => clearTimeout(t); }, []);',
    ],
    [
      'renderer/screens/Lobby.tsx',
      'useEffect(() => { const timer = setInterval(() => setText(clockText()), 1000); return () => clearInterval(timer); }, []);',
    ],
    // components and stores are not screens
    ['renderer/components/X.tsx', "useEffect(() => { void api.call('customer.search', { q }); }, [q]);"],
  ],
);

describe('TEMPORARY exceptions to the SQL rule', () => {
  it('each service exempted still uses the sql tag (else its TEMPORARY line goes)', async () => {
    const dir = join(ROOT, 'src/services');
    const exempt: string[] = [];
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const config = (await eslint.calculateConfigForFile(join(dir, name))) as Linter.Config;
      const rule = config.rules?.['no-restricted-imports'];
      const severity = Array.isArray(rule) ? rule[0] : rule;
      if (severity === 'off' || severity === 0) exempt.push(name);
    }
    for (const name of exempt) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(
        /import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*'kysely'/.test(text),
        `src/services/${name}: no longer imports sql; remove its TEMPORARY line`,
      ).toBe(true);
    }
  });
});
