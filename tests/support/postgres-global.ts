/**
 * Vitest's global setup: a PostgreSQL server for the tests that need one. SALESDESK_TEST_POSTGRES_URL given
 * (CI's own cluster, a developer's server) is used as it is; otherwise, where PostgreSQL is installed, a
 * throwaway cluster is started for this run and removed after it; where it is not, the PostgreSQL tests say
 * plainly that they were skipped (tests/support/postgres.ts).
 */
import type { TestProject } from 'vitest/node';
// @ts-expect-error a plain .mjs script without types (scripts/pg-cluster.mjs)
import { findPgBin, startCluster, stopCluster } from '../../scripts/pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    postgresSkipped: string | null;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.SALESDESK_TEST_POSTGRES_URL ?? null;
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresSkipped', null);
    return;
  }
  if (!findPgBin()) {
    project.provide('postgresUrl', null);
    project.provide('postgresSkipped', 'PostgreSQL is not installed here (apt-get install -y postgresql); the PostgreSQL half of the tests was skipped');
    return;
  }
  const cluster = (await startCluster()) as { dir: string; url: string };
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresSkipped', null);
  return () => stopCluster(cluster.dir);
}
