import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema';
import { migrateTo, migrateToLatest, SCHEMA_VERSION, userVersion } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';
import { testApp } from '../support/app';
import { normalizedSchema } from '../support/schema-snapshot';

/**
 * Every column of every Kysely table type, checked both ways: the type check fails if a table type gains
 * a column missing here (or lists one it lacks), the test fails if the database disagrees.
 */
const COLUMNS = {
  staff: ['id', 'name', 'active', 'created_at'],
  staff_roles: ['staff_id', 'role'],
  policy_versions: ['id', 'effective_at', 'params', 'created_by', 'created_at'],
  rosters: ['id', 'day', 'started_at', 'started_by'],
  roster_events: ['id', 'roster_id', 'at', 'actor_id', 'type', 'payload'],
  roster_state: ['roster_id', 'state', 'event_count'],
  customers: ['id', 'name', 'phone', 'phone_key', 'created_at', 'created_by', 'name_key', 'name_initials'],
  visits: [
    'id',
    'customer_id',
    'at',
    'consultant_id',
    'reception',
    'source',
    'registered_for',
    'roster_id',
    'companion_customer_id',
    'recorded_by',
  ],
  visit_events: ['id', 'visit_id', 'at', 'type', 'payload', 'actor_id'],
  registrations: [
    'id',
    'visit_id',
    'customer_id',
    'consultant_id',
    'registered_at',
    'corrects_id',
    'reason',
    'recorded_by',
    'created_at',
    'kind',
    'changes',
  ],
  registration_decisions: ['id', 'registration_id', 'at', 'decision', 'reason', 'actor_id'],
  audit_log: ['id', 'at', 'actor_id', 'method', 'detail'],
  phone_inquiries: ['id', 'customer_id', 'at', 'consultant_id', 'note'],
  announcements: ['id', 'customer_id', 'from_customer_id', 'consultant_id', 'expected_at', 'at'],
  customer_links: ['id', 'type', 'customer_id', 'other_customer_id', 'at', 'actor_id'],
  referrals: ['id', 'referrer_id', 'customer_id', 'appointment', 'at', 'actor_id'],
  referral_events: ['id', 'referral_id', 'type', 'visit_id', 'reason', 'at', 'actor_id'],
  company_clients: ['id', 'customer_id', 'introduced_by', 'at', 'actor_id'],
  deals: ['id', 'customer_id', 'unit', 'price', 'commission', 'on_spot', 'company_mode', 'after_sales_id', 'at', 'recorded_by'],
  deal_changes: ['id', 'deal_id', 'buyer_name', 'unit', 'at', 'actor_id'],
  disputes: ['id', 'deal_id', 'customer_id', 'claim', 'raised_by', 'at'],
  dispute_steps: ['id', 'dispute_id', 'type', 'split', 'text', 'at', 'actor_id', 'assessment'],
  ledger_tables: ['table_name', 'columns'],
  staff_credentials: ['staff_id', 'pin_hash', 'salt', 'failed_attempts', 'locked_until', 'updated_at', 'session_epoch'],
  follow_ups: ['id', 'customer_id', 'consultant_id', 'day', 'channel', 'content', 'next_day', 'grade', 'at'],
  manager_notes: ['id', 'consultant_id', 'customer_id', 'text', 'at', 'actor_id'],
  grade_labels: ['grade', 'label', 'updated_at', 'updated_by'],
  ledger_chain: ['seq', 'table_name', 'row_id', 'row_hash', 'chain_hash', 'row_key'],
  ledger_key: ['id', 'check_hash'],
  reference_versions: ['name', 'version'],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T])[] };
type Covers<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]> extends never ? true : false;
const complete: { [T in keyof Database]: Covers<Database[T], (typeof COLUMNS)[T]> } = {
  staff: true,
  staff_roles: true,
  policy_versions: true,
  rosters: true,
  roster_events: true,
  roster_state: true,
  customers: true,
  visits: true,
  visit_events: true,
  registrations: true,
  registration_decisions: true,
  audit_log: true,
  phone_inquiries: true,
  announcements: true,
  customer_links: true,
  referrals: true,
  referral_events: true,
  company_clients: true,
  deals: true,
  deal_changes: true,
  disputes: true,
  dispute_steps: true,
  ledger_tables: true,
  staff_credentials: true,
  follow_ups: true,
  manager_notes: true,
  grade_labels: true,
  ledger_chain: true,
  ledger_key: true,
  reference_versions: true,
};

const INSERT_ONLY = [
  'policy_versions',
  'rosters',
  'roster_events',
  'visits',
  'visit_events',
  'registrations',
  'registration_decisions',
  'audit_log',
  'ledger_chain',
  'ledger_key',
];
/** every table holding facts: refuses UPDATE and DELETE by trigger */
const LEDGER = [
  ...INSERT_ONLY.filter((t) => !t.startsWith('ledger_')),
  'follow_ups',
  'manager_notes',
  'phone_inquiries',
  'announcements',
  'customer_links',
  'referrals',
  'referral_events',
  'company_clients',
  'deals',
  'deal_changes',
  'disputes',
  'dispute_steps',
];

/** mutable, and chained on INSERT, UPDATE and DELETE (migrations/0012) */
const MUTABLE = ['staff', 'staff_roles', 'staff_credentials', 'customers', 'grade_labels'];

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-db-'));
  dirs.push(dir);
  return join(dir, 'test.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('database', () => {
  it('opens with WAL, foreign keys, FULL sync and a busy timeout', async () => {
    const h = openDatabase(tempDb());
    expect(h.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(h.raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(h.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    await h.close();
  });

  it('an empty database migrates, and migrating again changes nothing', async () => {
    const path = tempDb();
    const h = openDatabase(path, { ledgerKey: randomBytes(32) });
    expect(await userVersion(h.db)).toBe(0);
    expect(await migrateToLatest(h.db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    const schema = () => h.raw.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const before = schema();
    expect(await migrateToLatest(h.db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(schema()).toEqual(before);
    await h.close();
  });

  it('the schema matches the Kysely table types', async () => {
    const h = openDatabase(tempDb(), { ledgerKey: randomBytes(32) });
    await migrateToLatest(h.db);
    const tables = (
      h.raw.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(Object.keys(COLUMNS).sort());
    for (const [table, cols] of Object.entries(COLUMNS)) {
      const actual = (h.raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(actual, table).toEqual([...cols]);
    }
    expect(Object.values(complete).every(Boolean)).toBe(true);
    await h.close();
  });

  it('refuses a database written by a newer Salesdesk, saying so, and leaves the file as it was', async () => {
    const path = tempDb();
    const raw = new BetterSqlite3(path);
    raw.pragma('journal_mode = WAL');
    raw.exec("CREATE TABLE staff (id TEXT PRIMARY KEY, name TEXT NOT NULL, wing TEXT); INSERT INTO staff VALUES ('dir', '赵总', 'east')");
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const bytes = readFileSync(path);
    const h = openDatabase(path, { ledgerKey: randomBytes(32) });
    const schema = normalizedSchema(h.raw);
    await expect(migrateToLatest(h.db)).rejects.toThrow(
      `数据库版本 ${SCHEMA_VERSION + 1} 比本程序支持的版本 ${SCHEMA_VERSION} 新，请升级售楼接待台后再打开 (database is from a newer Salesdesk)`,
    );
    await expect(migrateTo(h.db, SCHEMA_VERSION)).rejects.toThrow(/请升级/);
    // as facts too, for a screen to word in either language (renderer/i18n reason.schema_newer)
    await expect(migrateToLatest(h.db)).rejects.toMatchObject({
      code: 'invalid_state',
      reason: 'schema_newer',
      params: { found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION, scope: 'office' },
    });
    expect(await userVersion(h.db)).toBe(SCHEMA_VERSION + 1);
    expect(normalizedSchema(h.raw)).toBe(schema);
    await h.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a migration failing midway leaves the file at the version before it, none of its changes kept', async () => {
    const path = tempDb();
    const h = openDatabase(path, { ledgerKey: randomBytes(32) });
    await migrateTo(h.db, 9);
    // a hand-edited file: 0010 creates its two indexes, drops (name), then fails dropping this one
    h.raw.exec(
      "DROP INDEX customers_name_key; INSERT INTO staff (id, name, created_at) VALUES ('dir', '赵总', '2026-03-01T09:00:00.000+08:00')",
    );
    const before = normalizedSchema(h.raw);
    await expect(migrateToLatest(h.db)).rejects.toThrow(/no such index: customers_name_key/);
    expect(await userVersion(h.db)).toBe(9);
    expect(normalizedSchema(h.raw)).toBe(before);
    expect(h.raw.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'customers_name%' ORDER BY name").pluck().all()).toEqual([
      'customers_name',
      'customers_name_initials',
    ]);
    expect(h.raw.prepare('SELECT name FROM staff').pluck().all()).toEqual(['赵总']);
    // and the connection is usable: nothing is left open
    expect(h.raw.inTransaction).toBe(false);
    await h.close();
  });

  it('migrates to exactly the version asked for, and never backwards', async () => {
    const h = openDatabase(':memory:', { ledgerKey: randomBytes(32) });
    expect(await migrateTo(h.db, 4)).toEqual({ from: 0, to: 4 });
    expect(await userVersion(h.db)).toBe(4);
    expect(
      h.raw.prepare("SELECT name FROM sqlite_master WHERE name IN ('ledger_chain', 'dispute_steps') ORDER BY name").pluck().all(),
    ).toEqual(['dispute_steps']);
    expect(await migrateTo(h.db, 4)).toEqual({ from: 4, to: 4 });
    await expect(migrateTo(h.db, 3)).rejects.toThrow(/at version 4, past 3/);
    await expect(migrateTo(h.db, SCHEMA_VERSION + 1)).rejects.toThrow(/no schema version/);
    expect(await migrateToLatest(h.db)).toEqual({ from: 4, to: SCHEMA_VERSION });
    await h.close();
  });

  it('facts are insert-only in the database itself: UPDATE and DELETE on the raw file are refused', async () => {
    const t = await testApp();
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const walk = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    await t.ok('zhang', 'desk.finish', { visit: walk.visitId });
    await t.ok('pm', 'registration.confirm', { visit: walk.visitId });
    await t.app.close();
    const raw = openDatabase(t.path).raw;
    raw
      .prepare(
        "INSERT INTO policy_versions (effective_at, params, created_by, created_at) VALUES ('2026-01-01T00:00:00.000Z', '{}', 'dir', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    for (const table of INSERT_ONLY) {
      const count = (raw.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
      expect(count, `${table} has rows to attack`).toBeGreaterThan(0);
      expect(() => raw.prepare(`UPDATE ${table} SET ${table === 'ledger_chain' ? 'seq = seq' : 'id = id'}`).run(), table).toThrow(
        /insert-only/,
      );
      expect(() => raw.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/insert-only/);
      expect((raw.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n).toBe(count);
    }
    // and every fact table, rows or not, carries both triggers plus the ledger-chain trigger
    const triggers = new Map(
      (raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[]).map((r) => [
        r.name,
        r.sql,
      ]),
    );
    for (const table of LEDGER) {
      // what each trigger does, not only its name: refuse the change, or chain the new row
      expect(triggers.get(`${table}_no_update`), table).toMatch(
        new RegExp(`BEFORE UPDATE ON "?${table}"?[\\s\\S]*RAISE\\s*\\(\\s*ABORT[\\s\\S]*insert-only`, 'i'),
      );
      expect(triggers.get(`${table}_no_delete`), table).toMatch(
        new RegExp(`BEFORE DELETE ON "?${table}"?[\\s\\S]*RAISE\\s*\\(\\s*ABORT[\\s\\S]*insert-only`, 'i'),
      );
      expect(triggers.get(`${table}_ledger`), table).toMatch(
        new RegExp(`AFTER INSERT ON "?${table}"?[\\s\\S]*INSERT INTO "?ledger_chain`, 'i'),
      );
    }
    // the mutable tables that decide who may do what and who is paid: every change appends a chain entry
    for (const table of MUTABLE) {
      for (const [name, event] of [
        [`${table}_ledger`, 'INSERT'],
        [`${table}_ledger_update`, 'UPDATE'],
        [`${table}_ledger_delete`, 'DELETE'],
      ] as const) {
        expect(triggers.get(name), name).toMatch(
          new RegExp(`AFTER ${event} ON "?${table}"?[\\s\\S]*INSERT INTO "?ledger_chain[\\s\\S]*sd_hmac`, 'i'),
        );
      }
    }
    for (const table of LEDGER) expect(triggers.get(`${table}_ledger`), table).toMatch(/sd_hmac\(/);
    expect(
      (raw.prepare('SELECT table_name FROM ledger_tables ORDER BY 1').all() as { table_name: string }[]).map((r) => r.table_name),
    ).toEqual([...LEDGER, ...MUTABLE].sort());
    raw.close();
    rmSync(t.dir, { recursive: true, force: true });
  });
});
