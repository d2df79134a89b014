/**
 * Frozen in time. A session names the person and the credential version it was opened under
 * (`session_epoch`): resetting a PIN or deactivating the person moves it, so every session opened before
 * — on any terminal, web or desktop — is refused at its next call instead of living on until it idles out.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE staff_credentials ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0`.execute(db);
}
