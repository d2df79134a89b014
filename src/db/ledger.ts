/**
 * Verifies the tamper-evident chain over the insert-only tables (migrations/0005): every row's hash is
 * recomputed from its current content and every link of the chain from the one before, so a row changed,
 * deleted or added with another tool (with the triggers dropped) is named, the first one first.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

export interface LedgerProblem {
  kind: 'changed' | 'deleted' | 'unchained' | 'chain_broken';
  table: string;
  rowId: number;
  seq: number | null;
  message: string;
}

export interface LedgerReport {
  ok: boolean;
  rows: number;
  /** the newest chain hash: recorded with each backup, so a chain rewritten from scratch differs from it */
  head: string;
  problems: LedgerProblem[];
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const rowJson = (columns: string[]) => `json_object(${columns.map((c) => `'${c}', "${c}"`).join(', ')})`;

export function verifyLedger(raw: BetterSqlite3.Database, limit = 20): LedgerReport {
  const problems: LedgerProblem[] = [];
  const tables = raw.prepare('SELECT table_name, columns FROM ledger_tables ORDER BY table_name').all() as { table_name: string; columns: string }[];
  const current = new Map<string, Map<number, string>>();
  for (const t of tables) {
    const rows = raw.prepare(`SELECT id, sd_sha256(? || ${rowJson(JSON.parse(t.columns) as string[])}) AS h FROM "${t.table_name}"`).raw().iterate(`${t.table_name}|`) as Iterable<[number, string]>;
    const map = new Map<number, string>();
    for (const [id, h] of rows) map.set(id, h);
    current.set(t.table_name, map);
  }
  let prev = '';
  let count = 0;
  for (const [seq, table, rowId, rowHash, chainHash] of raw.prepare('SELECT seq, table_name, row_id, row_hash, chain_hash FROM ledger_chain ORDER BY seq').raw().iterate() as Iterable<[number, string, number, string, string]>) {
    count++;
    if (sha(prev + rowHash) !== chainHash) {
      problems.push({ kind: 'chain_broken', table, rowId, seq, message: `账本链在第 ${seq} 条断开（${table} #${rowId}）：账本记录本身被改动过` });
    }
    const rows = current.get(table);
    const now = rows?.get(rowId);
    if (now === undefined) problems.push({ kind: 'deleted', table, rowId, seq, message: `${table} #${rowId} 已被删除（第 ${seq} 条账本记录）` });
    else {
      if (now !== rowHash) problems.push({ kind: 'changed', table, rowId, seq, message: `${table} #${rowId} 的内容在程序之外被修改过（第 ${seq} 条账本记录）` });
      rows!.delete(rowId);
    }
    prev = chainHash;
    if (problems.length >= limit) break;
  }
  if (problems.length < limit) {
    for (const [table, rows] of current) {
      for (const id of rows.keys()) {
        problems.push({ kind: 'unchained', table, rowId: id, seq: null, message: `${table} #${id} 不在账本链中：是在程序之外加入的` });
        if (problems.length >= limit) break;
      }
    }
  }
  return { ok: problems.length === 0, rows: count, head: prev, problems };
}
