import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayOnEngine, testEngine } from '../support/engine';
import { EXPECTED_FAILURES } from './expected-failures';

const SHARED = resolve(__dirname, '../../../shared/scenarios');
const OWN = resolve(__dirname);
const files = [SHARED, OWN].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f, path: join(dir, f) })),
);

describe(`scenario replay on ${testEngine() === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, () => {
  it('finds the shared scenarios', () => {
    expect(files.filter((f) => f.path.startsWith(SHARED)).length).toBeGreaterThanOrEqual(4);
  });

  it('every expected failure names a scenario that exists', () => {
    for (const name of Object.keys(EXPECTED_FAILURES)) expect(files.map((f) => f.name)).toContain(name);
  });

  for (const file of files) {
    const expected = EXPECTED_FAILURES[file.name];
    it(`${file.name} ${expected ? `fails exactly at steps ${expected.steps.join(', ')} (${expected.reason})` : 'replays clean'}`, async () => {
      const report = await replayOnEngine(readFileSync(file.path, 'utf8'));
      const failing = report.steps.filter((s) => !s.ok);
      if (expected) {
        expect(report.ok).toBe(false);
        expect(failing.map((s) => s.line)).toEqual(expected.steps);
      } else {
        expect(failing.map((s) => `#${s.line} ${s.label}: ${s.message}`)).toEqual([]);
        expect(report.ok).toBe(true);
      }
    });
  }
});
