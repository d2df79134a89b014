/**
 * The shared terminal signs out after 15 idle minutes even while its screens keep polling: only a person's
 * requests extend a session; a background one (X-Salesdesk-Background: 1, sent by the renderer's timed
 * polls) is answered but leaves the idle clock alone, and is refused like any other once the session ended.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';
import { row } from '../support/sql';
import { startWeb, type TestWeb } from '../support/web';

const MINUTE = 60_000;
let t: TestApp;
let web: TestWeb;
let wall = Date.parse('2026-05-08T09:00:00');
const call: TestWeb['call'] = (...args) => web.call(...args);
const signIn: TestWeb['signIn'] = (staffId) => web.signIn(staffId);

beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  web = await startWeb(t.app, () => wall);
});
afterEach(async () => {
  await web.close();
  await t.close();
});

const poll = (cookie: string) => call(cookie, 'roster.today', {}, true);

describe('idle sign-out at the shared terminal (web mode)', () => {
  it('background polls every few minutes do not keep an absent person signed in', async () => {
    const cookie = await signIn('qian');
    // the screen goes on polling while nobody is at the desk
    for (let minute = 5; minute <= 15; minute += 5) {
      wall += 5 * MINUTE;
      expect((await poll(cookie)).json.ok, `poll at +${minute} min`).toBe(true);
    }
    wall += 1 * MINUTE; // 16 minutes since the person last did anything
    const expired = await poll(cookie);
    expect(expired.status).toBe(403);
    expect(expired.json.error).toMatchObject({ code: 'permission', reason: 'session_expired' });
    // the walk-in the next visitor brings is not recorded under the absent person's name
    const walkIn = await call(cookie, 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    expect(walkIn.json).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await row(t.app, sql`SELECT count(*) AS n FROM visits`)).toEqual({ n: 0 });
  });

  it("a person's own requests keep the session, however long in all", async () => {
    const cookie = await signIn('qian');
    for (let i = 0; i < 4; i++) {
      wall += 14 * MINUTE;
      expect((await call(cookie, 'roster.today')).json.ok).toBe(true);
    }
    // and a background poll right after a person's request is still inside the window
    wall += 14 * MINUTE;
    expect((await poll(cookie)).json.ok).toBe(true);
  });

  it('only the exact marker counts as background', async () => {
    const cookie = await signIn('qian');
    wall += 10 * MINUTE;
    const res = await fetch(`${web.base}/api/roster.today`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: web.base, Cookie: cookie, 'X-Salesdesk-Background': 'no' },
      body: '{}',
    });
    expect(((await res.json()) as any).ok).toBe(true);
    wall += 10 * MINUTE; // 10 minutes after a request that was not marked background
    expect((await poll(cookie)).json.ok).toBe(true);
  });
});
