/**
 * docs/rules-coverage.md points each rule at the domain function that decides it (issue 15 point 1): every row
 * of the rulebook's rules names at least one `domain/<file>.ts` `function` that src/domain/<file>.ts declares,
 * or says plainly that the rule is not a decision ("not a decision: enforced by …"); and every such pair the
 * document names exists (declared in that file, exported or not: `switched` is person.ts's own step), so a renamed or deleted function fails here instead of leaving the row pointing at nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const coverage = readFileSync(resolve(ROOT, 'docs/rules-coverage.md'), 'utf8');

/** The rule rows: id and the "enforced in" cell. */
const rows = coverage
  .split('\n')
  .filter((l) => /^\| R-[A-Z]+-\d+ /.test(l))
  .map((l) => {
    const cells = l.slice(1, -1).split('|');
    return { id: /R-[A-Z]+-\d+/.exec(cells[0]!)![0], enforced: cells[1]!.trim() };
  });

/** `domain/x.ts` `a`, `b` / `c` and `d`: the file and the names right after it. */
export function domainPairs(cell: string): { file: string; name: string }[] {
  const out: { file: string; name: string }[] = [];
  for (const m of cell.matchAll(/`domain\/([\w-]+)\.ts`((?:(?:\s*(?:,|\/|and|\+)\s*|\s+)`[A-Za-z_$][\w$]*`)*)/g)) {
    for (const n of m[2]!.matchAll(/`([A-Za-z_$][\w$]*)`/g)) out.push({ file: m[1]!, name: n[1]! });
  }
  return out;
}

const exportsOf = new Map<string, string>();
function exported(file: string, name: string): boolean {
  const path = resolve(ROOT, `src/domain/${file}.ts`);
  if (!existsSync(path)) return false;
  if (!exportsOf.has(file)) exportsOf.set(file, readFileSync(path, 'utf8'));
  const text = exportsOf.get(file)!;
  return (
    new RegExp(`(?:^|\\n)(?:export\\s+)?(?:async\\s+)?(?:function\\*?|const|let|class|type|interface)\\s+${name}\\b`).test(text) ||
    new RegExp(`export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(text)
  );
}

describe('docs/rules-coverage.md names the domain functions that decide', () => {
  it('reads the pairs the way the rows write them', () => {
    expect(
      domainPairs('`domain/walk-in.ts` `routeWalkIn` → `wait` → `domain/roster.ts` `chooseRosterReceiver`, `applyRosterEvent` (`x`)'),
    ).toEqual([
      { file: 'walk-in', name: 'routeWalkIn' },
      { file: 'roster', name: 'chooseRosterReceiver' },
      { file: 'roster', name: 'applyRosterEvent' },
    ]);
    expect(domainPairs('`domain/person.ts` `personAt` / `identified` and `switched`; `domain/time.ts` (no name)')).toEqual([
      { file: 'person', name: 'personAt' },
      { file: 'person', name: 'identified' },
      { file: 'person', name: 'switched' },
    ]);
  });

  it('has a row for each of the 49 rules', () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(49);
  });

  it.each(rows.map((r) => [r.id, r.enforced] as const))('%s: a domain function, or "not a decision"', (_id, enforced) => {
    const pairs = domainPairs(enforced);
    expect(pairs.length > 0 || /not a decision/i.test(enforced), `no domain function named: ${enforced}`).toBe(true);
  });

  it('every `domain/<file>.ts` `name` in the document is declared in that file', () => {
    const missing = domainPairs(coverage).filter((p) => !exported(p.file, p.name));
    expect(missing).toEqual([]);
  });
});
