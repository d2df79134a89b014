/**
 * The read-ahead's one-round-trip text (src/db/read-ahead.ts): each `$n` becomes its value as a quoted literal, as pg
 * sends an untyped parameter's text, and nothing inside quotes, identifiers, comments or dollar-quoted strings is
 * taken for a placeholder. A value that has no such literal (a Buffer, an object) keeps the read from going ahead.
 */
import { describe, expect, it } from 'vitest';
import { onlyReads } from '../../src/db/postgres';
import { inlined } from '../../src/db/read-ahead';

describe('read-ahead inlining', () => {
  it('writes each placeholder as a quoted literal, quotes escaped, $10 not read as $1', () => {
    const values = ['a', "O'Brien", 3, null, true, 6, 7, 8, 9, 'ten'];
    expect(inlined('select $1, $2, $3, $4, $5, $10', values)).toBe(`select 'a', 'O''Brien', '3', NULL, 'true', 'ten'`);
    expect(inlined('select * from t where x = $1 limit $2', ['b\\c', 20])).toBe(`select * from t where x =  E'b\\\\c' limit '20'`);
  });

  it('leaves $n inside strings, identifiers, comments and dollar quotes alone', () => {
    expect(inlined(`select '$1', "$1", $1 -- $1\n, $$ $1 $$, $q$ $1 $q$`, ['v'])).toBe(
      `select '$1', "$1", 'v' -- $1\n, $$ $1 $$, $q$ $1 $q$`,
    );
    expect(inlined(`select 'it''s $1', $1`, ['v'])).toBe(`select 'it''s $1', 'v'`);
  });

  it('refuses a value with no literal, or a placeholder with no value', () => {
    expect(inlined('select $1', [Buffer.from('x')])).toBeNull();
    expect(inlined('select $1', [{ a: 1 }])).toBeNull();
    expect(inlined('select $2', ['only one'])).toBeNull();
  });
});

describe('what may go ahead: only a read', () => {
  it('a SELECT or WITH that names no write and no writing function', () => {
    expect(onlyReads('select id from customers where phone_key = $1')).toBe(true);
    expect(onlyReads('with t as (select 1) select * from t')).toBe(true);
    // a write dressed as a read would be answered early and never mark the transaction as having written
    expect(onlyReads('with moved as (insert into visits (id) values (1) returning id) select * from moved')).toBe(false);
    expect(onlyReads(`select nextval('visits_id_seq')`)).toBe(false);
    expect(onlyReads('select sd_chain($1, $2)')).toBe(false);
    expect(onlyReads('update staff set name = $1')).toBe(false);
  });
});
