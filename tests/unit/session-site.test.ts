/**
 * The sign-in's site (issue 16 item 4): the terminal remembers the site it chose (renderer/api/client.ts, localStorage).
 * A site list the server did not answer (away for a moment) must not make the terminal forget it and fall back to
 * the home site; a list that no longer holds it does.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const remembered = { site: 'b' as string | null };
const answers = new Map<string, unknown>();
vi.mock('../../renderer/api/client', () => ({
  api: { call: vi.fn(async (method: string) => answers.get(method)) },
  onSessionLost: () => () => {},
  terminalSite: () => remembered.site,
  rememberSite: (code: string | null) => {
    remembered.site = code;
  },
}));
vi.mock('../../renderer/api/changes', () => ({ changes: { subscribe: () => () => {} } }));

const { useSession } = await import('../../renderer/stores/session');

const SITES = [
  { code: 'main', name: 'A项目' },
  { code: 'b', name: 'B项目' },
];

describe('the terminal’s site at sign-in', () => {
  beforeEach(() => {
    remembered.site = 'b';
    answers.set('staff.list', { ok: true, value: [] });
    answers.set('session.me', { ok: false, error: { code: 'permission', reason: 'not_signed_in' } });
  });

  it('keeps the remembered site while the group lists it', async () => {
    answers.set('session.sites', { ok: true, value: SITES });
    await useSession.getState().load();
    expect(useSession.getState().site).toBe('b');
    expect(remembered.site).toBe('b');
  });

  it('keeps it when the site list was not answered', async () => {
    answers.set('session.sites', { ok: false, error: { code: 'invalid_state', reason: 'unavailable' } });
    await useSession.getState().load();
    expect(remembered.site).toBe('b');
    expect(useSession.getState().site).toBe('b');
  });

  it('forgets it when the group no longer lists it: the first listed site', async () => {
    answers.set('session.sites', { ok: true, value: [SITES[0], { code: 'c', name: 'C项目' }] });
    await useSession.getState().load();
    expect(remembered.site).toBe('main');
  });
});
