/**
 * Web sessions kept in the database, so that any of an office group's app servers can serve any terminal
 * (issue 16 item 3). Only a hash of the token is stored. The idle rule stays the web server's: it reads
 * last_seen and decides.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Session } from '../api/session';
import type { Database, GroupDatabase } from './schema';

export interface StoredWebSession {
  session: Session;
  /** epoch milliseconds of the person's last request */
  lastSeen: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function databaseWebSessions(office: Kysely<Database>) {
  const db = office as unknown as Kysely<GroupDatabase>; // the group's database has the table (migrations/postgres)
  return {
    async get(token: string): Promise<StoredWebSession | undefined> {
      const row = await db
        .selectFrom('web_sessions')
        .select(['session', 'last_seen'])
        .where('token_hash', '=', hashOf(token))
        .executeTakeFirst();
      return row ? { session: JSON.parse(row.session) as Session, lastSeen: Date.parse(row.last_seen) } : undefined;
    },
    async put(token: string, entry: StoredWebSession): Promise<void> {
      const at = new Date(entry.lastSeen).toISOString();
      await db
        .insertInto('web_sessions')
        .values({ token_hash: hashOf(token), session: JSON.stringify(entry.session), last_seen: at, created_at: at })
        .execute();
    },
    async touch(token: string, lastSeen: number): Promise<void> {
      await db
        .updateTable('web_sessions')
        .set({ last_seen: new Date(lastSeen).toISOString() })
        .where('token_hash', '=', hashOf(token))
        .execute();
    },
    async delete(token: string): Promise<void> {
      await db.deleteFrom('web_sessions').where('token_hash', '=', hashOf(token)).execute();
    },
    /** Sessions idle since before `before` are of no use to anyone: removed so the table does not grow. */
    async sweep(before: number): Promise<void> {
      await db.deleteFrom('web_sessions').where('last_seen', '<', new Date(before).toISOString()).execute();
    },
  };
}
