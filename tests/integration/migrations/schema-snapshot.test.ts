/**
 * The committed schema (migrations/schema.snapshot.sql) is what the migrations make today. It fails when a
 * released migration was edited (released files were built by the old text), when the schema drifts, or
 * when a new migration was added without the snapshot that reviewers read its effect in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/db/migrate';
import { freshSchema, SNAPSHOT_FILE } from '../../support/schema-snapshot';

describe('schema snapshot', () => {
  it('a freshly migrated database has exactly the committed schema', async () => {
    const committed = readFileSync(SNAPSHOT_FILE, 'utf8');
    expect(committed).toContain(`PRAGMA user_version = ${SCHEMA_VERSION};`);
    expect(
      await freshSchema(),
      'The schema differs from migrations/schema.snapshot.sql. After ADDING a migration run `npm run schema:snapshot` and commit the file. ' +
        'Never change a released migration (databases in offices were built by it): add a new one instead.',
    ).toBe(committed);
  });
});
