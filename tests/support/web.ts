import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { createWebServer } from '../../src/server/http';
import { PINS } from './app';

type Backend = Parameters<typeof createWebServer>[0];

export interface WebAnswer {
  status: number;
  json: any;
  setCookie: string | null;
}

export interface TestWeb {
  server: Server;
  port: number;
  base: string;
  /** POST /api/<method> as the page would (our Origin, JSON); `background` marks a screen's own timed read */
  call(cookie: string | null, method: string, input?: unknown, background?: boolean): Promise<WebAnswer>;
  /** signs the person in with their test PIN and returns the session cookie ("name=value") */
  signIn(staffId: keyof typeof PINS): Promise<string>;
  close(): Promise<void>;
}

/**
 * Web mode on a free port of 127.0.0.1 over `backend` (a test app or a core), with a wall clock the test moves
 * (`now`), 15 idle minutes like the shipped default.
 */
export async function startWeb(backend: Backend, now: () => number): Promise<TestWeb> {
  const server = createWebServer(backend, { staticDir: resolve('dist/renderer'), idleMinutes: 15, now });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const call: TestWeb['call'] = async (cookie, method, input = {}, background = false) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: base };
    if (cookie) headers.Cookie = cookie;
    if (background) headers['X-Salesdesk-Background'] = '1';
    const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return { status: res.status, json: await res.json(), setCookie: res.headers.get('set-cookie') };
  };
  return {
    server,
    port,
    base,
    call,
    async signIn(staffId) {
      const r = await call(null, 'session.signIn', { staffId, pin: PINS[staffId] });
      expect(r.json.ok, `${staffId} signs in`).toBe(true);
      return r.setCookie!.split(';')[0]!;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A Server-Sent Events response as it arrives: each complete block (up to its blank line) handed over as its lines. */
export function onSseBlocks(res: IncomingMessage, block: (lines: string[]) => void): void {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, cut).split('\n');
      buffer = buffer.slice(cut + 2);
      block(lines);
    }
  });
}

/** One field of an event block ('event', 'data'); undefined when the block has none. */
export const sseField = (lines: readonly string[], name: string): string | undefined =>
  lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);

/**
 * Ends a web-mode process the test spawned and resolves once it has exited, so what cleans up after it (its
 * data folder, its database) does not race its own shutdown (seen: rmSync ENOTEMPTY while the process still
 * wrote). SIGTERM first, as a service manager would; SIGKILL only if it hangs.
 */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const hang = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', () => {
      clearTimeout(hang);
      done();
    });
    child.kill('SIGTERM');
  });
}
