/**
 * Pushed changes between an office group's app servers (issue 16 item 3): each server tells the others which
 * areas a committed call changed with PostgreSQL's NOTIFY, and hears theirs with LISTEN on a connection of its
 * own. A server never hears itself back as someone else (each notification names its origin). While the
 * listening connection is down, changes may be missed: when it is back, every area counts as changed, so every
 * terminal re-reads everything once instead of showing stale data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AREAS, type Area, EVERY_SITE } from '../api/changes';

export const CHANGES_CHANNEL = 'salesdesk_changes';

export interface ChangeFeed {
  /** after a commit: tell the other servers (and at which site, Session.site) */
  publish(areas: readonly Area[], site?: string): void;
  /** what the other servers changed, and at which site; returns the unsubscribe */
  subscribe(listener: (areas: Area[], site?: string) => void): () => void;
  close(): Promise<void>;
}

const KNOWN = new Set<string>(AREAS);

export function postgresChangeFeed(url: string, pool: pg.Pool, log: (line: string) => void = (l) => console.error(l)): ChangeFeed {
  const origin = randomBytes(8).toString('hex');
  const listeners = new Set<(areas: Area[], site?: string) => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let wasDown = false;
  const deliver = (areas: Area[], site?: string) => {
    for (const l of [...listeners]) l(areas, site);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    const down = () => {
      if (client !== c) return;
      client = null;
      wasDown = true;
      if (!closed) retry = setTimeout(() => void connect(), 1000);
    };
    c.on('error', down);
    c.on('end', down);
    c.on('notification', (n) => {
      if (n.channel !== CHANGES_CHANNEL || !n.payload) return;
      try {
        const m = JSON.parse(n.payload) as { origin?: unknown; areas?: unknown; site?: unknown };
        if (m.origin === origin || !Array.isArray(m.areas)) return;
        deliver(
          m.areas.filter((a): a is Area => typeof a === 'string' && KNOWN.has(a)),
          typeof m.site === 'string' ? m.site : undefined,
        );
      } catch {
        // not ours: ignored
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      client = c;
      if (wasDown) {
        wasDown = false;
        deliver([...AREAS], EVERY_SITE);
      }
    } catch (e) {
      log(`[salesdesk] listening for other servers' changes failed: ${(e as Error).message}; retrying`);
      await c.end().catch(() => undefined);
      wasDown = true;
      if (!closed) retry = setTimeout(() => void connect(), 1000);
    }
  };
  const ready = connect();

  return {
    publish(areas, site) {
      pool
        .query('SELECT pg_notify($1, $2)', [
          CHANGES_CHANNEL,
          JSON.stringify(site === undefined ? { origin, areas } : { origin, areas, site }),
        ])
        .catch((e: Error) => log(`[salesdesk] telling other servers of a change failed: ${e.message}`));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await ready;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
