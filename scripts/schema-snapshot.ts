/** Writes migrations/schema.snapshot.sql from a freshly migrated database: only after adding a migration, never to hide a change to a released one. */
import { writeFileSync } from 'node:fs';
import { freshSchema, SNAPSHOT_FILE } from '../tests/support/schema-snapshot';

writeFileSync(SNAPSHOT_FILE, await freshSchema());
console.log(`wrote ${SNAPSHOT_FILE}`);
