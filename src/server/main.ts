/**
 * `npm run web`: the app in a browser. Listens on 127.0.0.1 only, unless the office sets SALESDESK_LAN=1
 * to let other machines on its network open it. Data: SALESDESK_DATA_DIR, default ./data/.
 */
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp, startBackupSchedule } from '../app';
import { createWebServer } from './http';

const dataDir = resolve(process.env.SALESDESK_DATA_DIR ?? 'data');
mkdirSync(dataDir, { recursive: true });
const dbPath = join(dataDir, 'salesdesk.sqlite');
const port = Number(process.env.PORT ?? 5757);
const host = process.env.SALESDESK_LAN === '1' ? '0.0.0.0' : '127.0.0.1';

const app = await openApp({ dbPath });
const readOnly = app.readOnlyReason();
if (readOnly) console.error(readOnly);
const stopBackups = startBackupSchedule(app);
const server = createWebServer(app, { staticDir: resolve('dist/renderer') });
server.listen(port, host, () => {
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  console.log(`售楼接待台（网页模式）已启动: http://127.0.0.1:${actualPort}/`);
  console.log(`Salesdesk web mode: http://127.0.0.1:${actualPort}/  (data: ${dbPath})`);
  if (host !== '127.0.0.1') {
    // LAN access is the office's explicit choice: say exactly which addresses the other desks should open.
    const lan = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => `http://${i!.address}:${actualPort}/`);
    console.log(`局域网访问已开启 (LAN access on)，其他电脑请打开: ${lan.join('  ') || '（未找到局域网地址）'}`);
  }
});

const stop = () => {
  stopBackups();
  server.close();
  // On quit: one more verified backup, then close the file.
  app
    .backupNow('quit')
    .catch((e) => console.error(`退出前备份失败: ${(e as Error).message}`))
    .finally(() => app.close().then(() => process.exit(0)));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
