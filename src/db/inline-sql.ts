/**
 * A statement with its values written in (PostgreSQL's simple query protocol, which takes several statements in one
 * round trip but no parameters): src/db/read-ahead.ts and the writes sent with COMMIT (src/db/postgres.ts).
 */
import pg from 'pg';

/** A parameter as an SQL literal of unknown type, as pg sends an untyped parameter's text; null where it cannot. */
function literal(v: unknown): string | null {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return pg.escapeLiteral(v);
  if (typeof v === 'number' || typeof v === 'bigint') return Number.isFinite(Number(v)) ? `'${String(v)}'` : null;
  if (typeof v === 'boolean') return v ? "'true'" : "'false'";
  return null;
}

/** `$n` placeholders outside quotes and comments replaced by literals; null if a value cannot be written as one. */
export function inlined(text: string, values: readonly unknown[]): string | null {
  let out = '';
  let ok = true;
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === ch) {
          if (text[j + 1] === ch) j++;
          else break;
        }
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' && text[i + 1] === '-') {
      const j = text.indexOf('\n', i);
      const end = j < 0 ? text.length : j;
      out += text.slice(i, end);
      i = end;
    } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(text[j] ?? '')) j++;
      const n = Number(text.slice(i + 1, j));
      const lit = n >= 1 && n <= values.length ? literal(values[n - 1]) : null;
      if (lit === null) ok = false;
      out += lit ?? '';
      i = j;
    } else if (ch === '$') {
      // a dollar-quoted string ($$…$$ or $tag$…$tag$) is copied whole
      const m = /^\$[A-Za-z_]*\$/.exec(text.slice(i));
      if (!m) {
        out += ch;
        i++;
        continue;
      }
      const close = text.indexOf(m[0], i + m[0].length);
      const end = close < 0 ? text.length : close + m[0].length;
      out += text.slice(i, end);
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return ok ? out : null;
}
