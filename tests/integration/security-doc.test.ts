import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const testsDir = join(root, 'tests');
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}
const files = testFiles(testsDir);
const fileFor = (cited: string) => files.find((f) => f.endsWith(`/${cited}`));

/** Every `file.test.ts › … › test name` the page cites, and the bare `file.test.ts` it names. */
const citations = [...doc.matchAll(/`((?:[\w./-]+\/)?[\w.-]+\.test\.ts)((?: › [^`]+)?)`/g)].map((m) => ({
  file: m[1]!.replace(/^tests\//, ''),
  path: m[2]!.split(' › ').filter(Boolean),
}));

describe('docs/security.md: every promise names a test that exists', () => {
  it('cites tests', () => {
    expect(citations.length).toBeGreaterThan(40);
  });
  it.each(citations.map((c) => [`${c.file}${c.path.length ? ` › ${c.path.join(' › ')}` : ''}`, c]))('%s', (_label, c) => {
    const file = fileFor(c.file.split('/').pop()!);
    expect(file, `${c.file} is not a test file`).toBeDefined();
    const source = readFileSync(file!, 'utf8');
    // A cited name may be shortened with "…": each fragment it keeps must be in the file, as written there.
    for (const part of c.path) {
      for (const fragment of part
        .split('…')
        .map((s) => s.trim())
        .filter((s) => s.length >= 6)) {
        expect(source.includes(fragment) || source.includes(fragment.replace(/"/g, "'")), `${c.file}: "${fragment}"`).toBe(true);
      }
    }
  });
});
