import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayScenario, replayText } from '../../src/cli/replay';
import { parseScenario } from '../../src/cli/scenario';
import { ManualClock } from '../../src/domain/clock';
import { openTestEngineApp, testEngine } from '../support/engine';
import { EXPECTED_FAILURES } from './expected-failures';

/** A scenario replayed on this run's engine: in memory on SQLite, in a fresh database from the template on PostgreSQL. */
async function replay(text: string) {
  if (testEngine() === 'sqlite') return replayText(text);
  const scenario = parseScenario(text);
  const clock = new ManualClock(scenario.steps[0]?.at ?? new Date());
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-scenario-'));
  const app = await openTestEngineApp({ dir, clock });
  try {
    return await replayScenario(scenario, undefined, { app, clock });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

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
      const report = await replay(readFileSync(file.path, 'utf8'));
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
