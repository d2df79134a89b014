/**
 * Every scenario file, shared and the project's, replayed on PostgreSQL: the same services over the same API,
 * each file in a fresh database (issue 16 items 1, 7). Where no PostgreSQL server is available the file says so.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresApp } from '../../src/app-postgres';
import { replayScenario } from '../../src/cli/replay';
import { parseScenario } from '../../src/cli/scenario';
import { ManualClock } from '../../src/domain/clock';
import { freshDatabase, postgresServer } from '../support/postgres';
import { EXPECTED_FAILURES } from '../scenarios/expected-failures';

const server = postgresServer();
const files = [resolve(__dirname, '../../../shared/scenarios'), resolve(__dirname, '../scenarios')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f, path: join(dir, f) })),
);

describe.skipIf(!server.url)(`scenario replay on PostgreSQL${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  for (const file of files) {
    const expected = EXPECTED_FAILURES[file.name];
    it(`${file.name} ${expected ? `fails exactly at steps ${expected.steps.join(', ')}` : 'replays clean'}`, async () => {
      const scenario = parseScenario(readFileSync(file.path, 'utf8'));
      const database = await freshDatabase(server.url!);
      const clock = new ManualClock(scenario.steps[0]?.at ?? new Date());
      const app = await openPostgresApp({ databaseUrl: database.url, ledgerKey: randomBytes(32), clock });
      try {
        const report = await replayScenario(scenario, undefined, { app, clock });
        const failing = report.steps.filter((s) => !s.ok);
        if (expected) expect(failing.map((s) => s.line)).toEqual(expected.steps);
        else expect(failing.map((s) => `#${s.line} ${s.label}: ${s.message}`)).toEqual([]);
      } finally {
        await app.close();
        await database.drop();
      }
    });
  }
});
