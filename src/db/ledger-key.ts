/**
 * The ledger key: the secret the chain's links are HMAC'd with (migrations/0012), kept in a file OUTSIDE
 * the database (`salesdesk.key` beside it, mode 0600; SALESDESK_LEDGER_KEY_FILE or openApp's
 * `ledgerKeyFile` put it elsewhere). Someone holding only the database file, or a backup, can compute
 * SHA-256 but not this HMAC, so cannot extend or rewrite the chain without verify seeing it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'salesdesk.key';
/** What `ledger_key.check_hash` holds: tells "wrong key" apart from "chain tampered". */
const CHECK_TEXT = 'salesdesk ledger key check';

export const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');
export const keyCheck = (key: Buffer) => hmac(key, CHECK_TEXT);

export function keyFileFor(dbPath: string, explicit?: string): string {
  // An empty SALESDESK_LEDGER_KEY_FILE= (a cleared variable) means unset, not a file named ''.
  return explicit || process.env.SALESDESK_LEDGER_KEY_FILE || join(dirname(dbPath), KEY_FILE_NAME);
}

function readKeyFile(file: string): Buffer {
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) throw new Error(`账本密钥文件 ${file} 已损坏（应为 ${KEY_BYTES} 字节，实为 ${key.length} 字节）`);
  return key;
}

/**
 * True when the file's chain is already keyed: a new key would make every earlier link unverifiable.
 * A file that cannot be read counts as keyed (no key is made up for it).
 */
function isKeyed(dbPath: string, nativeBinding?: string): boolean {
  if (!existsSync(dbPath)) return false;
  try {
    const raw = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      return !!raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_key'").get();
    } finally {
      raw.close();
    }
  } catch {
    return true;
  }
}

/**
 * The office's key for the live database: read from its file, or created (random, 0600) when the
 * database has no keyed chain yet. A keyed database whose key file is missing is refused rather than
 * given a new key, which would silently split the chain into two halves that can never both verify.
 */
export function loadOrCreateLedgerKey(dbPath: string, explicitFile?: string, nativeBinding?: string): Buffer {
  if (dbPath === ':memory:') return randomBytes(KEY_BYTES);
  const file = keyFileFor(dbPath, explicitFile);
  if (existsSync(file)) return readKeyFile(file);
  if (isKeyed(dbPath, nativeBinding)) {
    throw new Error(
      `找不到账本密钥文件 ${file}：这个数据库的账本链是用它保护的。请把原来的密钥文件放回这里（或用 SALESDESK_LEDGER_KEY_FILE 指明它在哪里）后重新启动。`,
    );
  }
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // A read-only folder: the app opens for reading only and writes nothing, so no key needs to last.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file);
    return key;
  }
  return key;
}

/**
 * The key in `file`, or a new one written there (random, 0600) when the database has no keyed ledger yet; a
 * database that has one and no key file is refused, as loadOrCreateLedgerKey does for an office's file. An office
 * group's app servers share the database, so each needs a copy of the same key file.
 */
export function loadOrCreateKeyFile(file: string, databaseKeyed: boolean): Buffer {
  if (existsSync(file)) return readKeyFile(file);
  if (databaseKeyed) {
    throw new Error(
      `找不到账本密钥文件 ${file}：这个数据库的账本链是用它保护的。请把原来的密钥文件复制到这里（或用 SALESDESK_LEDGER_KEY_FILE 指明它在哪里）后重新启动。`,
    );
  }
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Two app servers starting at once on an empty database: the one that wrote first made the key.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file);
    throw e;
  }
  return key;
}

/** A key file found beside a database or backup file (the `salesdesk verify` command line), or null. */
function keyBeside(path: string): Buffer | null {
  if (path === ':memory:' || path === '') return null;
  const candidates = [process.env.SALESDESK_LEDGER_KEY_FILE, join(dirname(path), KEY_FILE_NAME)];
  if (basename(dirname(path)) === 'backups') candidates.push(join(dirname(dirname(path)), KEY_FILE_NAME));
  for (const c of candidates) if (c && existsSync(c)) return readKeyFile(c);
  return null;
}

/**
 * Backups and restores are verified with the key of the office doing them, even when another office
 * is open in the same process (tests) and even when the file came from elsewhere: openApp runs them
 * inside `withLedgerKey`. Outside any office (the command line), only a key file beside the file is
 * used: never a key this process happens to hold for another database.
 */
const scope = new AsyncLocalStorage<Buffer>();

export function withLedgerKey<T>(key: Buffer, fn: () => T): T {
  return scope.run(key, fn);
}

export function ledgerKeyFor(path: string): Buffer | null {
  const inScope = scope.getStore();
  if (inScope) return inScope;
  const beside = keyBeside(path);
  if (beside) return beside;
  return path === ':memory:' ? randomBytes(KEY_BYTES) : null;
}
