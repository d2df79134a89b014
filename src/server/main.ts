/**
 * `npm run web`: the app in a browser. Listens on 127.0.0.1 only, unless the office sets SALESDESK_LAN=1
 * to let other machines on its network open it; then it serves HTTPS with a certificate kept in the data
 * folder (tls/), unless SALESDESK_LAN_HTTP=1 asks for plain HTTP. SALESDESK_HOSTS (comma-separated) adds
 * names the office reaches this machine by. Data: SALESDESK_DATA_DIR, default ./data/.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCore } from '../core';
import { databaseWebSessions } from '../db/web-sessions';
import { keepServing, startWebServer } from './start';

keepServing(process);

const dataDir = resolve(process.env.SALESDESK_DATA_DIR ?? 'data');
mkdirSync(dataDir, { recursive: true });
const dbPath = join(dataDir, 'salesdesk.sqlite');

// The same core the desktop app runs in its core process: database, backups, slow-call trace, change events.
// SALESDESK_DATABASE_URL=postgres://… serves an office group's database instead of the folder's file.
const databaseUrl = process.env.SALESDESK_DATABASE_URL || undefined;
const core = await startCore({ dbPath, ...(databaseUrl ? { databaseUrl } : {}) });
// Several app servers over one group database share their sessions there, so a terminal may reach any of them.
const groupSessions = databaseUrl ? databaseWebSessions(core.app.db) : undefined;
if (groupSessions) {
  const idleMs = Number(process.env.SALESDESK_IDLE_MINUTES ?? 15) * 60_000;
  const sweep = () => void groupSessions.sweep(Date.now() - idleMs).catch((e: Error) => console.error(`清理过期会话失败: ${e.message}`));
  sweep();
  setInterval(sweep, 3_600_000).unref();
}
const readOnly = core.readOnlyReason();
if (readOnly) console.error(readOnly);
const { server } = await startWebServer({
  app: core,
  dataDir,
  staticDir: resolve('dist/renderer'),
  port: Number(process.env.PORT ?? 5757),
  lan: process.env.SALESDESK_LAN === '1',
  lanHttp: process.env.SALESDESK_LAN_HTTP === '1',
  extraHosts: (process.env.SALESDESK_HOSTS ?? '').split(',').filter((h) => h.trim() !== ''),
  ...(groupSessions ? { sessions: groupSessions } : {}),
}).catch((e: Error) => {
  // A taken port or an unusable certificate: one sentence, not a stack trace.
  console.error(`网页模式无法启动: ${e.message}`);
  process.exit(1);
});

const stop = () => {
  server.close();
  // On quit: one more verified backup, then close the file (core.stop).
  void core.stop().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
