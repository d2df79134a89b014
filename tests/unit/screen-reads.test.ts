/**
 * Screens read through useApi (issue 15 item 6): every renderer/screens file that calls api.call with a
 * method whose kind is a read (`read` or `auditedRead` in the spec) is either named below with the reason
 * it reads on a person's click (every screen has moved; no TEMPORARY exception is left). A screen that hand-rolls a
 * read again — in an effect, in a useCallback an effect calls, anywhere — fails here, whatever its shape;
 * eslint.config.mjs's screens/read-through-useApi catches the effect and the timer as they are typed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spec, type MethodName } from '../../src/api/spec';

const SCREENS = resolve(__dirname, '../../renderer/screens');

/** Reads a screen makes at a person's click, not to show what it shows: file → method → why. */
const ON_DEMAND: Record<string, Partial<Record<MethodName, string>>> = {
  'Weekly.tsx': { 'report.weeklyExport': 'the .xlsx prepared when 下载 Excel is pressed' },
  'Statements.tsx': { 'statement.export': 'the .xlsx or CSV prepared when 下载 Excel / 下载 CSV is pressed' },
};

const isRead = (m: string) => m in spec && ['read', 'auditedRead'].includes(spec[m as MethodName].kind);

function readsIn(source: string): string[] {
  return [...source.matchAll(/\bapi\.call\(\s*['"]([A-Za-z.]+)['"]/g)].map((m) => m[1]!).filter(isRead);
}

const files = readdirSync(SCREENS).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'));

describe('screens read through useApi, not api.call', () => {
  it('the check sees a hand-rolled read (the pattern the screens had before)', () => {
    expect(readsIn("const load = useCallback(async () => { const r = await api.call('deal.list', { month }); }, [month]);")).toEqual([
      'deal.list',
    ]);
    expect(readsIn("useEffect(() => { void api.call( 'customer.get', { customer: id }).then(show); }, [id]);")).toEqual(['customer.get']);
    expect(readsIn("const r = await api.call('deal.close', input);")).toEqual([]);
  });

  it.each(files)('%s reads only through useApi (or on a click, named)', (file) => {
    const source = readFileSync(join(SCREENS, file), 'utf8');
    const unexplained = readsIn(source).filter((m) => !ON_DEMAND[file]?.[m as MethodName]);
    expect(unexplained, `${file} calls api.call for reads: use useApi(method, input, { areas })`).toEqual([]);
  });

  it('every on-demand read named is still made there (else its line goes)', () => {
    for (const [file, methods] of Object.entries(ON_DEMAND)) {
      const reads = readsIn(readFileSync(join(SCREENS, file), 'utf8'));
      for (const m of Object.keys(methods)) expect(reads, `${file}: ${m}`).toContain(m);
    }
  });
});
