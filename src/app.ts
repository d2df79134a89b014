/** Opens a Salesdesk: the database file, its migrations, and the one door (`dispatch`) every caller uses. */
import { dispatch } from './api/dispatch';
import { methodNames } from './api/contract';
import type { DispatchOutcome, Session } from './api/session';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type DatabaseHandle } from './db/open';
import { type Clock, systemClock } from './domain/clock';

export interface App {
  handle: DatabaseHandle;
  clock: Clock;
  dispatch(session: Session | null, method: string, input: unknown): Promise<DispatchOutcome>;
  methodNames(): string[];
  close(): Promise<void>;
}

export async function openApp(opts: { dbPath: string; nativeBinding?: string; clock?: Clock }): Promise<App> {
  const handle = openDatabase(opts.dbPath, { nativeBinding: opts.nativeBinding });
  await migrateToLatest(handle.db);
  const clock = opts.clock ?? systemClock;
  return {
    handle,
    clock,
    dispatch: (session, method, input) => dispatch({ db: handle.db, clock }, session, method, input),
    methodNames: () => methodNames(),
    close: () => handle.close(),
  };
}
