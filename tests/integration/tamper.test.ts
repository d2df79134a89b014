/**
 * Issue 13, points 7 and 8: every way found of changing an office's file outside the app — with a SQLite
 * tool, with the public SHA-256, with the ledger itself dropped — is named by verify. The table counts
 * the cases, so the report can say "N tamper cases detected out of N tried".
 */
import { checkText } from '../../renderer/i18n/reasons';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { openApp } from '../../src/app';
import { fillDemo } from '../../src/cli/demo';
import { inspectDatabase } from '../../src/db/backup';
import { type LedgerProblem, type LedgerReport, verifyLedger } from '../../src/db/ledger';
import { migrateToLatest } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';
import { ManualClock } from '../../src/domain/clock';

let dir: string;
let pristine: string;
let officeKey: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salesdesk-tamper-'));
  pristine = join(dir, 'office.sqlite');
  const first = new Date('2026-03-02T08:00:00');
  const clock = new ManualClock(first);
  const app = await openApp({ dbPath: pristine, clock });
  await fillDemo(app, clock, first, 1);
  const policy = await app.dispatch({ staffId: 'dir' }, 'policy.update', { changes: { protectionMonths: 6 }, reason: '测试' });
  expect(policy.result.ok).toBe(true);
  await app.close();
  officeKey = readFileSync(join(dir, 'salesdesk.key'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const plainSha = (raw: BetterSqlite3.Database) => raw.function('sd_sha256', (s: unknown) => sha(String(s)));

/** A copy of the office's file, opened with a plain SQLite tool: no ledger key, no app functions. */
function copy(name: string, edit: (raw: BetterSqlite3.Database) => void): string {
  const path = join(dir, `${name.replace(/\W+/g, '-')}.sqlite`);
  const src = new BetterSqlite3(pristine);
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.pragma('synchronous = OFF'); // a throw-away copy: no fsync
  src.exec(`VACUUM INTO '${path}'`);
  src.close();
  const raw = new BetterSqlite3(path);
  raw.pragma('foreign_keys = OFF'); // the sqlite3 shell's default
  raw.pragma('synchronous = OFF');
  edit(raw);
  raw.close();
  return path;
}

/** What a person with a SQLite tool does: the triggers (which call the app's functions) out of the way, then put back. */
function byHand(raw: BetterSqlite3.Database, edit: () => void): void {
  const triggers = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of triggers) raw.exec(`DROP TRIGGER "${t.name}"`);
  edit();
  for (const t of triggers) raw.exec(t.sql);
}

/** Chains a row the way the triggers would, but with a home-made link (anyone can compute SHA-256). */
function appendHomeMade(raw: BetterSqlite3.Database, table: string, rowId: number, rowKey: string | null, rowHash: string): void {
  const prev = (raw.prepare('SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1').pluck().get() as string) ?? '';
  const link = sha(`${prev}|${table}|${rowKey ?? rowId}|${rowHash}`);
  raw
    .prepare('INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash) VALUES (?, ?, ?, ?, ?)')
    .run(table, rowId, rowKey, rowHash, link);
}

const rowHash = (raw: BetterSqlite3.Database, table: string, where: string) => {
  plainSha(raw);
  const cols = JSON.parse(raw.prepare('SELECT columns FROM ledger_tables WHERE table_name = ?').pluck().get(table) as string) as string[];
  return raw
    .prepare(`SELECT sd_sha256('${table}|' || json_object(${cols.map((c) => `'${c}', "${c}"`).join(', ')})) FROM "${table}" WHERE ${where}`)
    .pluck()
    .get() as string;
};

const verify = (path: string, key: Buffer | null = officeKey): LedgerReport => {
  const h = openDatabase(path, { readonly: true, ledgerKey: key });
  try {
    return verifyLedger(h.raw);
  } finally {
    h.raw.close();
  }
};

interface Case {
  name: string;
  edit(raw: BetterSqlite3.Database): void;
  /** the problem verify must name */
  expect: Partial<LedgerProblem> & { kind: LedgerProblem['kind'] };
  key?: Buffer;
}

const CASES: Case[] = [
  {
    name: 'audit row appended with a home-made sha256 link',
    edit: (raw) =>
      byHand(raw, () => {
        const id = Number(
          raw
            .prepare("INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-05T00:00:00.000Z', 'dir', 'deal.close', '{}')")
            .run().lastInsertRowid,
        );
        appendHomeMade(raw, 'audit_log', id, null, rowHash(raw, 'audit_log', `id = ${id}`));
      }),
    expect: { kind: 'chain_broken', table: 'audit_log' },
  },
  {
    name: 'row appended through the triggers with sd_hmac faked as sha256',
    edit: (raw) => {
      plainSha(raw);
      raw.function('sd_hmac', (s: unknown) => sha(String(s)));
      raw
        .prepare("INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-05T00:00:00.000Z', 'dir', 'deal.close', '{}')")
        .run();
    },
    expect: { kind: 'chain_broken', table: 'audit_log' },
  },
  {
    name: 'deal commission changed',
    edit: (raw) => byHand(raw, () => raw.exec('UPDATE deals SET commission = commission + 100000 WHERE id = (SELECT min(id) FROM deals)')),
    expect: { kind: 'changed', table: 'deals' },
  },
  {
    name: 'visit deleted',
    edit: (raw) => byHand(raw, () => raw.exec('DELETE FROM visit_events WHERE visit_id = 3; DELETE FROM visits WHERE id = 3')),
    expect: { kind: 'deleted', table: 'visits', rowId: 3 },
  },
  {
    name: 'chain trigger dropped, then a visit inserted',
    edit: (raw) => {
      raw.exec('DROP TRIGGER visits_ledger');
      raw.exec(
        "INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) SELECT customer_id, at, 'c02', 'roster', 'walk_in', 'c02', 'qian' FROM visits LIMIT 1",
      );
    },
    expect: { kind: 'schema', table: 'visits' },
  },
  {
    name: 'ledger tables and triggers dropped',
    edit: (raw) => {
      for (const t of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[])
        raw.exec(`DROP TRIGGER "${t}"`);
      raw.exec('DROP TABLE ledger_chain; DROP TABLE ledger_tables; DROP TABLE ledger_key');
    },
    expect: { kind: 'schema', code: 'ledger_tables_missing' },
  },
  {
    name: 'admin role inserted by hand',
    edit: (raw) => byHand(raw, () => raw.exec("INSERT INTO staff_roles (staff_id, role) VALUES ('sun', 'admin')")),
    expect: { kind: 'unchained', table: 'staff_roles', rowKey: '["sun","admin"]' },
  },
  {
    name: 'admin role inserted with its chain entry recomputed by sha256',
    edit: (raw) =>
      byHand(raw, () => {
        raw.exec("INSERT INTO staff_roles (staff_id, role) VALUES ('sun', 'admin')");
        appendHomeMade(raw, 'staff_roles', 0, '["sun","admin"]', rowHash(raw, 'staff_roles', "staff_id = 'sun' AND role = 'admin'"));
      }),
    expect: { kind: 'chain_broken', table: 'staff_roles' },
  },
  {
    name: "admin's PIN hash swapped for the employee's",
    edit: (raw) =>
      byHand(raw, () =>
        raw.exec(
          "UPDATE staff_credentials SET (pin_hash, salt) = (SELECT pin_hash, salt FROM staff_credentials WHERE staff_id = 'sun') WHERE staff_id = 'dir'",
        ),
      ),
    expect: { kind: 'changed', table: 'staff_credentials', rowKey: 'dir' },
  },
  {
    name: 'staff member deleted',
    edit: (raw) =>
      byHand(raw, () =>
        raw.exec(
          "DELETE FROM staff_roles WHERE staff_id = 'asst'; DELETE FROM staff_credentials WHERE staff_id = 'asst'; DELETE FROM staff WHERE id = 'asst'",
        ),
      ),
    expect: { kind: 'deleted', table: 'staff', rowKey: 'asst' },
  },
  {
    name: "customer's phone changed",
    edit: (raw) => byHand(raw, () => raw.exec("UPDATE customers SET phone = '13999999999', phone_key = '13999999999' WHERE id = 2")),
    expect: { kind: 'changed', table: 'customers', rowId: 2 },
  },
  {
    name: 'policy row changed',
    edit: (raw) =>
      byHand(raw, () =>
        raw.exec(
          `UPDATE policy_versions SET params = json_set(params, '$.protectionMonths', 600) WHERE id = (SELECT min(id) FROM policy_versions)`,
        ),
      ),
    expect: { kind: 'changed', table: 'policy_versions' },
  },
  {
    name: 'stored queue reversed',
    edit: (raw) => {
      const r = raw.prepare('SELECT roster_id, state FROM roster_state ORDER BY roster_id DESC LIMIT 1').get() as {
        roster_id: number;
        state: string;
      };
      const state = JSON.parse(r.state) as { queue: unknown[] };
      expect(state.queue.length).toBeGreaterThan(1);
      state.queue.reverse();
      raw.prepare('UPDATE roster_state SET state = ? WHERE roster_id = ?').run(JSON.stringify(state), r.roster_id);
    },
    expect: { kind: 'derived', table: 'roster_state' },
  },
  {
    name: 'deal changed and the whole chain recomputed with plain sha256',
    edit: (raw) =>
      byHand(raw, () => {
        raw.exec('UPDATE deals SET commission = commission + 100000 WHERE id = (SELECT min(id) FROM deals)');
        const h = rowHash(raw, 'deals', 'id = (SELECT min(id) FROM deals)');
        raw.prepare("UPDATE ledger_chain SET row_hash = ? WHERE table_name = 'deals' AND row_id = (SELECT min(id) FROM deals)").run(h);
        let prev = '';
        const update = raw.prepare('UPDATE ledger_chain SET chain_hash = ? WHERE seq = ?');
        for (const e of raw.prepare('SELECT seq, table_name, row_id, row_key, row_hash FROM ledger_chain ORDER BY seq').all() as {
          seq: number;
          table_name: string;
          row_id: number;
          row_key: string | null;
          row_hash: string;
        }[]) {
          prev = sha(`${prev}|${e.table_name}|${e.row_key ?? e.row_id}|${e.row_hash}`);
          update.run(prev, e.seq);
        }
      }),
    expect: { kind: 'chain_broken', seq: 1 },
  },
  {
    name: 'last chain entry deleted',
    edit: (raw) => byHand(raw, () => raw.exec('DELETE FROM ledger_chain WHERE seq = (SELECT max(seq) FROM ledger_chain)')),
    expect: { kind: 'unchained' },
  },
  {
    name: 'a trigger added that makes every new staff member an admin',
    edit: (raw) =>
      raw.exec(
        "CREATE TRIGGER staff_promote AFTER INSERT ON staff BEGIN INSERT INTO staff_roles (staff_id, role) VALUES (NEW.id, 'admin'); END",
      ),
    expect: { kind: 'schema', table: 'staff' },
  },
  {
    name: 'commission column dropped from what the ledger covers',
    edit: (raw) => raw.exec(`UPDATE ledger_tables SET columns = json_remove(columns, '$[4]') WHERE table_name = 'deals'`),
    expect: { kind: 'schema', table: 'deals' },
  },
  { name: 'user_version set back to an unkeyed version', edit: (raw) => raw.pragma('user_version = 11'), expect: { kind: 'schema' } },
  {
    name: 'an untouched backup verified with another office’s key',
    edit: () => {},
    key: randomBytes(32),
    expect: { kind: 'key', code: 'key_wrong' },
  },
];

describe('tamper cases (issue 13, points 7 and 8)', () => {
  it('the untouched office verifies: schema, keyed chain, replayed queues', () => {
    const r = verify(pristine);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it(`every tamper case is named by verify (${CASES.length} tried)`, { timeout: 180_000 }, () => {
    const missed: string[] = [];
    for (const c of CASES) {
      const r = verify(copy(c.name, c.edit), c.key ?? officeKey);
      const named = !r.ok && r.problems.some((p) => expect.objectContaining(c.expect).asymmetricMatch(p));
      if (!named) missed.push(`${c.name}: ${JSON.stringify(r.problems.slice(0, 2))}`);
      // each finding has words in both languages (renderer/i18n/areas/settings.ts check.*)
      expect(
        r.problems.every((p) => /[\u4e00-\u9fff]/.test(checkText(p, 'zh-CN')) && !/[\u4e00-\u9fff]/.test(checkText(p, 'en'))),
        c.name,
      ).toBe(true);
    }
    console.log(`tamper cases detected: ${CASES.length - missed.length} of ${CASES.length} tried`);
    expect(missed).toEqual([]);
  });

  it('without the key, verify says the key is missing, not that the file was tampered with', () => {
    const r = verify(pristine, null);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'key', code: 'key_missing' })]);
    expect(checkText(r.problems[0]!, 'zh-CN')).toContain('不说明文件被篡改');
  });

  it('the key lives outside the database, beside it with mode 0600; a keyed file whose key is missing is refused at open', async () => {
    const keyFile = join(dir, 'salesdesk.key');
    expect(statSync(keyFile).size).toBe(32);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(pristine).toString('hex')).not.toContain(officeKey.toString('hex'));

    const elsewhere = mkdtempSync(join(tmpdir(), 'salesdesk-nokey-'));
    try {
      const moved = join(elsewhere, 'office.sqlite');
      const src = new BetterSqlite3(pristine, { readonly: true });
      src.exec(`VACUUM INTO '${moved}'`);
      src.close();
      await expect(openApp({ dbPath: moved })).rejects.toThrow(/找不到账本密钥文件/);
      expect(existsSync(join(elsewhere, 'salesdesk.key'))).toBe(false);
      const app = await openApp({ dbPath: moved, ledgerKeyFile: keyFile });
      expect((await app.verify()).problems).toEqual([]);
      await app.close();
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('outside the app (salesdesk verify), the key beside the office is used, and a missing key is said plainly', async () => {
    const clock = new ManualClock(new Date('2026-03-02T08:00:00'));
    const office = mkdtempSync(join(tmpdir(), 'salesdesk-cli-'));
    try {
      const app = await openApp({ dbPath: join(office, 'salesdesk.sqlite'), clock });
      await app.dispatch(null, 'setup.firstRun', {
        staff: [{ id: 'dir', name: '赵总', roles: ['sales_director', 'admin'], pin: '900001' }],
      });
      const backup = join(office, 'backups', (await app.backupNow('manual'))!.file);
      await app.close();
      expect(inspectDatabase(backup)).toMatchObject({ ok: true, problems: [] });
      rmSync(join(office, 'salesdesk.key'));
      const without = inspectDatabase(backup);
      expect(without.ok).toBe(false);
      expect(without.problems).toEqual([{ code: 'key_missing' }]);
    } finally {
      rmSync(office, { recursive: true, force: true });
    }
  });

  it('a backup from another office is refused by restore, with the key message', async () => {
    const other = mkdtempSync(join(tmpdir(), 'salesdesk-other-'));
    const mine = mkdtempSync(join(tmpdir(), 'salesdesk-mine-'));
    try {
      const clock = new ManualClock(new Date('2026-03-02T08:00:00'));
      const b = await openApp({ dbPath: join(other, 'office.sqlite'), clock });
      await fillDemo(b, clock, new Date('2026-03-02T08:00:00'), 1);
      const foreign = join(other, 'backups', (await b.backupNow('manual'))!.file);
      await b.close();
      const a = await openApp({ dbPath: join(mine, 'office.sqlite'), clock });
      await expect(a.restore(foreign)).rejects.toMatchObject({
        reason: 'restore_backup_unsound',
        problems: [expect.objectContaining({ code: 'key_wrong' })],
      });
      expect((await a.verify()).problems).toEqual([]);
      await a.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
      rmSync(mine, { recursive: true, force: true });
    }
  });
});

describe('migration 12 re-keys the existing chain only after verifying it', () => {
  /** A file as the app before migration 12 left it, with facts chained by the plain-SHA-256 triggers. */
  async function unkeyed(name: string): Promise<string> {
    const path = join(dir, `${name}.sqlite`);
    const h = openDatabase(path, { ledgerKey: officeKey });
    for (const m of migrations.filter((x) => x.version < 12)) {
      await m.up(h.db);
      await sql.raw(`PRAGMA user_version = ${m.version}`).execute(h.db);
    }
    h.raw.exec(
      "INSERT INTO staff (id, name, created_at) VALUES ('dir', '赵总', '2026-03-01T00:00:00.000Z'); INSERT INTO staff_roles VALUES ('dir', 'admin')",
    );
    for (let i = 0; i < 3; i++)
      h.raw
        .prepare("INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-01T00:00:00.000Z', 'dir', 'x', ?)")
        .run(String(i));
    await h.close();
    return path;
  }

  it('an intact unkeyed chain is re-keyed, and staff and roles join it', async () => {
    const path = await unkeyed('v11');
    const h = openDatabase(path, { ledgerKey: officeKey });
    await migrateToLatest(h.db);
    const r = verifyLedger(h.raw);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(3 + 1 + 1 + 4); // audit rows, the director, the role, the four grade labels
    await h.close();
  });

  it('a broken unkeyed chain is refused, not blessed with the key', async () => {
    const path = await unkeyed('v11-tampered');
    const raw = new BetterSqlite3(path);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET method = 'deal.close' WHERE id = 2");
    raw.close();
    const h = openDatabase(path, { ledgerKey: officeKey });
    await expect(migrateToLatest(h.db)).rejects.toThrow(/账本链校验未通过/);
    expect(h.raw.pragma('user_version', { simple: true })).toBe(11);
    await h.close();
  });
});

describe('the running app does not act on rows the ledger does not vouch for (src/db/ledger-guard)', () => {
  const openCopy = async (name: string, edit: (raw: BetterSqlite3.Database) => void) => {
    // beside the office's key file, so the app opens it as the office's own
    const app = await openApp({ dbPath: copy(name, edit), clock: new ManualClock(new Date('2026-03-09T09:00:00')) });
    return app;
  };
  const newAdmin = { name: '冒名', roles: ['admin'], pin: '4321' };
  const signIn = (app: Awaited<ReturnType<typeof openApp>>, staffId: string, pin: string) =>
    app.dispatch(null, 'session.signIn', { staffId, pin });

  it('an admin role inserted by hand, with or without a home-made chain entry, gives no admin rights', async () => {
    for (const [name, edit] of [
      [
        'runtime role by hand',
        (raw: BetterSqlite3.Database) => byHand(raw, () => raw.exec("INSERT INTO staff_roles (staff_id, role) VALUES ('sun', 'admin')")),
      ],
      [
        'runtime role with sha entry',
        (raw: BetterSqlite3.Database) =>
          byHand(raw, () => {
            raw.exec("INSERT INTO staff_roles (staff_id, role) VALUES ('sun', 'admin')");
            appendHomeMade(raw, 'staff_roles', 0, '["sun","admin"]', rowHash(raw, 'staff_roles', "staff_id = 'sun' AND role = 'admin'"));
          }),
      ],
    ] as const) {
      const app = await openCopy(name, edit);
      try {
        const signedIn = await signIn(app, 'sun', '1116');
        expect(signedIn.result, name).toMatchObject({ ok: true, value: { roles: ['employee'] } });
        const r = await app.dispatch(signedIn.session!, 'staff.create', newAdmin);
        expect(r.result, name).toMatchObject({ ok: false, error: { code: 'permission' } });
        expect(app.handle.raw.prepare("SELECT count(*) FROM staff WHERE name = '冒名'").pluck().get(), name).toBe(0);
        // the genuine admin is unaffected
        expect((await signIn(app, 'dir', '1111')).result.ok, name).toBe(true);
      } finally {
        await app.close();
      }
    }
  });

  it('a PIN hash swapped in by hand signs nobody in as the director, and the refusal writes nothing', async () => {
    const app = await openCopy('runtime pin swap', (raw) =>
      byHand(raw, () =>
        raw.exec(
          "UPDATE staff_credentials SET (pin_hash, salt) = (SELECT pin_hash, salt FROM staff_credentials WHERE staff_id = 'sun') WHERE staff_id = 'dir'",
        ),
      ),
    );
    try {
      const before = app.handle.raw.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const swapped = await signIn(app, 'dir', '1116');
      expect(swapped.result).toMatchObject({
        ok: false,
        error: { code: 'invalid_state', reason: 'pin_record_tampered', params: { staffId: 'dir' } },
      });
      expect(swapped.session).toBeUndefined();
      expect(app.handle.raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
      // the employee whose hash was copied is untouched and still signs in
      const other = await signIn(app, 'sun', '1116');
      expect(other.result.ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
