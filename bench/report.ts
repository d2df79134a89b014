/** Percentiles, the progress bar and the terminal table. */
import type { Progress } from './generate';

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  total: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.max(0, Math.ceil(q * s.length) - 1)] ?? NaN;
  const total = s.reduce((a, b) => a + b, 0);
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN, mean: total / (s.length || 1), total };
}

export interface Row {
  key: string;
  label: string;
  service: Stats;
  raw: Stats | null;
  /** service ÷ raw */
  ratio: { p50: number; p99: number } | null;
  target: { text: string; met: boolean } | null;
  /** answers compared with the raw side (or checked against the database) and how many differed */
  checked: number;
  mismatches: number;
  note?: string;
  /** what the answers contained (owned verdicts, deals paid…), so a run that measured nothing shows it */
  detail?: Record<string, number>;
}

export function row(
  key: string,
  label: string,
  service: Stats,
  raw: Stats | null,
  check: { checked: number; mismatches: number; detail?: Record<string, number> },
  target?: { text: string; met: (r: Row) => boolean },
  note?: string,
): Row {
  const r: Row = {
    key,
    label,
    service,
    raw,
    ratio: raw ? { p50: service.p50 / raw.p50, p99: service.p99 / raw.p99 } : null,
    target: null,
    checked: check.checked,
    mismatches: check.mismatches,
    ...(check.detail ? { detail: check.detail } : {}),
    ...(note ? { note } : {}),
  };
  if (target) r.target = { text: target.text, met: target.met(r) };
  return r;
}

const ms = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3);
const ratio = (x: number | undefined) => (x === undefined ? '' : `${x.toFixed(1)}×`);

export function table(rows: readonly Row[]): string {
  const head = ['operation', 'n', 'p50 ms', 'p99 ms', 'raw p50', 'raw p99', '÷raw p50', '÷raw p99', 'target', '', 'answers'];
  const body = rows.map((r) => [
    r.label,
    String(r.service.n),
    ms(r.service.p50),
    ms(r.service.p99),
    ms(r.raw?.p50),
    ms(r.raw?.p99),
    ratio(r.ratio?.p50),
    ratio(r.ratio?.p99),
    r.target?.text ?? '',
    r.target ? (r.target.met ? 'ok' : 'MISSED') : '',
    r.mismatches ? `${r.mismatches}/${r.checked} WRONG` : `${r.checked} ok`,
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** A one-line bar on a terminal; every tenth on a log. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let phase = '';
  let shown = 0;
  let tenth = -1;
  return (ph, done, total, detail = '') => {
    const f = total ? Math.min(1, done / total) : 1;
    const finished = done >= total;
    if (ph !== phase) [phase, tenth] = [ph, -1];
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    const line = `  ${ph.padEnd(8)} [${'#'.repeat(Math.round(f * 30)).padEnd(30, '.')}] ${(f * 100).toFixed(0).padStart(3)}%  ${detail}  ${secs}s`;
    if (stream.isTTY) {
      if (!finished && Date.now() - shown < 150) return;
      shown = Date.now();
      stream.write(`\r${line.padEnd(100)}${finished ? '\n' : ''}`);
    } else if (Math.floor(f * 10) > tenth) {
      tenth = Math.floor(f * 10);
      stream.write(`${line}\n`);
    }
  };
}

/**
 * The engines side by side, one line per operation: each engine's p50/p99 and its ratio to its own raw
 * statements (better-sqlite3, pg), its target, and whether every answer equalled the raw one.
 */
export function sideBySide(runs: readonly { engine: string; rows: readonly Row[] }[]): string {
  const keys = [...new Set(runs.flatMap((r) => r.rows.map((x) => x.key)))];
  const head = ['operation', ...runs.flatMap((r) => [`${r.engine} p50`, 'p99', 'raw p99', '÷raw p99', 'target', ''])];
  const label = (k: string) => runs.map((r) => r.rows.find((x) => x.key === k)?.label).find(Boolean) ?? k;
  const body = keys.map((k) => [
    label(k),
    ...runs.flatMap((run) => {
      const r = run.rows.find((x) => x.key === k);
      if (!r) return ['—', '', '', '', '', ''];
      return [
        ms(r.service.p50),
        ms(r.service.p99),
        ms(r.raw?.p99),
        ratio(r.ratio?.p99),
        r.target?.text ?? '',
        r.mismatches ? `${r.mismatches}/${r.checked} WRONG` : r.target ? (r.target.met ? 'ok' : 'MISSED') : '',
      ];
    }),
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
