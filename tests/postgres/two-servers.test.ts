/**
 * Several app servers, one office-group database (issue 16 item 3): two web-mode processes on their own ports
 * over the same PostgreSQL database. A session made on one is good on the other; a walk-in on one is pushed to a
 * terminal of the other; walk-ins through both at once never give a consultant two customers or skip one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';
import { stopProcess } from '../support/web';

const server = postgresServer();
const root = resolve(__dirname, '../..');
const tsx = createRequire(join(root, 'package.json')).resolve('tsx/cli');
const CONSULTANTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
const pinOf = (id: string) => TEAM.find((s) => s.id === id)?.pin ?? `70000${id.slice(1)}`;

async function query<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

interface WebServer {
  base: string;
  child: ChildProcess;
  call(cookie: string | null, method: string, input?: unknown): Promise<{ ok: boolean; value?: any; error?: any; cookie: string | null }>;
}

async function startServer(databaseUrl: string, dataDir: string, keyFile: string): Promise<WebServer> {
  const child = spawn(process.execPath, [tsx, 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      SALESDESK_DATA_DIR: dataDir,
      SALESDESK_DATABASE_URL: databaseUrl,
      SALESDESK_LEDGER_KEY_FILE: keyFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const port = await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`web mode exited: ${out}`);
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (!m) throw new Error(`not listening yet: ${out}`);
      return Number(m[1]);
    },
    { timeout: 90_000, interval: 100 },
  );
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    child,
    async call(cookie, method, input = {}) {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
        body: JSON.stringify(input),
      });
      const set = res.headers.get('set-cookie');
      return { ...((await res.json()) as { ok: boolean; value?: unknown; error?: unknown }), cookie: set ? set.split(';')[0]! : null };
    },
  };
}

/** Reads a terminal's events stream until a change naming `area` arrives. */
async function nextChange(
  base: string,
  cookie: string,
  area: string,
  afterSubscribed: () => Promise<void>,
): Promise<{ seq: number; areas: string[] }> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { Cookie: cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  // the stream's first ping says it is subscribed
  while (!text.includes(': ping')) text += decoder.decode((await reader.read()).value, { stream: true });
  await afterSubscribed();
  try {
    for (;;) {
      for (const block of text.split('\n\n')) {
        const data = block.match(/^event: change\ndata: (.*)$/m)?.[1];
        if (data) {
          const event = JSON.parse(data) as { seq: number; areas: string[] };
          if (event.areas.includes(area)) return event;
        }
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the events stream ended');
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    controller.abort();
  }
}

describe.skipIf(!server.url)(`two app servers, one group database${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  let a: WebServer;
  let b: WebServer;
  let databaseUrl = '';
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    const database = await freshDatabase(server.url!);
    databaseUrl = database.url;
    cleanups.push(() => database.drop());
    const dir = mkdtempSync(join(tmpdir(), 'salesdesk-two-servers-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // The group's key file, copied to every app server (here: the same path).
    const keyFile = join(dir, 'group.key');
    [a, b] = await Promise.all([startServer(database.url, join(dir, 'a'), keyFile), startServer(database.url, join(dir, 'b'), keyFile)]);
    cleanups.push(() => Promise.all([stopProcess(a.child), stopProcess(b.child)]).then(() => undefined));
    const staff = [
      ...TEAM,
      ...CONSULTANTS.map((id, i) => ({ id, name: `顾问${i + 1}`, roles: ['consultant'], pin: `70000${id.slice(1)}` })),
    ];
    expect((await a.call(null, 'setup.firstRun', { staff })).ok).toBe(true);
  }, 180_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('a session made on one server is good on the other, and signing out on one ends it on both', async () => {
    const signIn = await a.call(null, 'session.signIn', { staffId: 'mgr', pin: pinOf('mgr') });
    expect(signIn.ok).toBe(true);
    const onB = await b.call(signIn.cookie, 'session.me');
    expect(onB.ok, JSON.stringify(onB.error)).toBe(true);
    expect(onB.value).toMatchObject({ id: 'mgr' });
    expect((await b.call(signIn.cookie, 'session.signOut')).ok).toBe(true);
    const afterOnA = await a.call(signIn.cookie, 'session.me');
    expect(afterOnA.ok ? afterOnA.value : null).toBeNull();
  });

  it('the database holds only a hash of each session token: the cookie read off the table signs nobody in', async () => {
    const signIn = await a.call(null, 'session.signIn', { staffId: 'pm', pin: pinOf('pm') });
    const token = signIn.cookie!.split('=')[1]!;
    const rows = await query<{ token_hash: string }>(databaseUrl, 'SELECT token_hash FROM web_sessions');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    for (const r of rows) {
      const asCookie = await b.call(`sd_session=${r.token_hash}`, 'session.me');
      expect(asCookie.ok ? asCookie.value : null).toBeNull();
    }
  });

  it('a walk-in through one server is pushed to a terminal of the other', async () => {
    const mgr = (await a.call(null, 'session.signIn', { staffId: 'mgr', pin: pinOf('mgr') })).cookie!;
    expect((await a.call(mgr, 'roster.start', { order: CONSULTANTS })).ok).toBe(true);
    const desk = (await a.call(null, 'session.signIn', { staffId: 'qian', pin: pinOf('qian') })).cookie!;
    const event = await nextChange(b.base, mgr, 'roster', async () => {
      const w = await a.call(desk, 'desk.walkIn', { customer: { name: '推送客户', phone: '13900003333' } });
      expect(w.ok, JSON.stringify(w.error)).toBe(true);
      await a.call(pinCookie(w.value.receivedBy.id), 'desk.finish', { visit: w.value.visitId });
    });
    expect(event.areas).toContain('roster');
  });

  const consultantCookies: Record<string, string> = {};
  const pinCookie = (id: string) => consultantCookies[id]!;
  beforeAll(async () => {
    for (const id of CONSULTANTS) consultantCookies[id] = (await a.call(null, 'session.signIn', { staffId: id, pin: pinOf(id) })).cookie!;
  }, 180_000);

  it('walk-ins through both servers at once: no consultant twice, none skipped, round after round', async () => {
    const deskA = (await a.call(null, 'session.signIn', { staffId: 'qian', pin: pinOf('qian') })).cookie!;
    const deskB = (await b.call(null, 'session.signIn', { staffId: 'qian', pin: pinOf('qian') })).cookie!;
    let phone = 13700000000;
    for (let round = 0; round < 8; round++) {
      const answers = await Promise.all(
        CONSULTANTS.map((_, i) =>
          (i % 2 ? b : a).call(i % 2 ? deskB : deskA, 'desk.walkIn', { customer: { name: `客户${round}-${i}`, phone: String(++phone) } }),
        ),
      );
      expect(answers.map((x) => x.ok)).toEqual(CONSULTANTS.map(() => true));
      const receivers = answers.map((x) => x.value.receivedBy?.id);
      expect(new Set(receivers).size).toBe(CONSULTANTS.length);
      const extra = await b.call(deskB, 'desk.walkIn', { customer: { name: `客户${round}-x`, phone: String(++phone) } });
      expect(extra.value).toMatchObject({ receivedBy: null, waiting: { position: 1 } });
      const finished = await Promise.all(
        answers.map((x, i) => (i % 2 ? a : b).call(pinCookie(x.value.receivedBy.id), 'desk.finish', { visit: x.value.visitId })),
      );
      expect(finished.map((f) => f.ok)).toEqual(CONSULTANTS.map(() => true));
      // the waiting customer went to the first consultant who became free: one reception is open; finish it
      const today = await a.call(deskA, 'roster.today');
      const open = today.value.queue.flatMap((e: any) => e.receiving.map((r: any) => ({ consultant: e.id, visit: r.visitId })));
      expect(open).toHaveLength(1);
      expect((await b.call(pinCookie(open[0].consultant), 'desk.finish', { visit: open[0].visit })).ok).toBe(true);
    }
  }, 180_000);
});
