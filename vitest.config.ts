import { configDefaults, defineConfig } from 'vitest/config';
import { postgresExcludes } from './tests/support/engine-scope';

const onPostgres = /^postgres(ql)?:\/\//i.test(process.env.SALESDESK_DATABASE_URL ?? '');

export default defineConfig({
  test: {
    // Every line of the report names the engine: SALESDESK_DATABASE_URL=postgres://… runs the whole suite on
    // PostgreSQL (tests/support/postgres-global.ts, tests/support/engine.ts), unset on SQLite.
    name: onPostgres ? 'postgres' : 'sqlite',
    include: ['tests/**/*.test.ts'],
    // the PostgreSQL run leaves out what is a SQLite file's own or touches no database, each with its reason
    exclude: onPostgres ? [...configDefaults.exclude, ...postgresExcludes()] : configDefaults.exclude,
    // Bounds for a hang, not speed limits: a clean-clone run on a machine at load 25 took 48 minutes and
    // 16 tests hit the old 30 s bound while each was only slow; none waits on time, so none is faster for it.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // expect.poll waits for a state; vitest's own default gives up after 1 s, which a loaded machine passes
    // while the state is still on its way (a bound for a hang, as above, not a speed limit).
    expect: { poll: { timeout: 20_000, interval: 50 } },
    // Browser and concurrency tests start servers and Chromium: keep files from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/support/postgres-global.ts'],
  },
});
