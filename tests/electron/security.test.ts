// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeWebContents, fakeEvent } from './fake-electron';
import {
  CONTENT_SECURITY_POLICY,
  appPageUrl,
  denyAllPermissions,
  hardenWebContents,
  installCsp,
  isAppPageUrl,
  secureWebPreferences,
  withCsp,
} from '../../electron/security';

/** 'script-src' -> ["'self'"], so assertions look at the parsed policy, not at substrings. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('webPreferences', () => {
  it('isolates, sandboxes and keeps web security, with our preload', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
  });
});

describe('Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it("allows scripts from 'self' only", () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('names no remote source and no unsafe keyword in any directive', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        // Allowed: keywords like 'self'/'none' and the local data:/blob: schemes for images and fonts.
        const local = /^'(self|none)'$/.test(source) || ((source === 'data:' || source === 'blob:') && /^(img|font)-src$/.test(name));
        expect(local, `${name} ${source}`).toBe(true);
      }
    }
  });

  it('is set on every response, replacing a CSP the response brought', () => {
    const headers = withCsp({ 'content-security-policy': ['script-src *'], 'Content-Type': ['text/html'] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);

    const onHeadersReceived = vi.fn();
    installCsp({ webRequest: { onHeadersReceived } } as unknown as Session);
    const listener = onHeadersReceived.mock.calls[0]![0] as (d: unknown, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    listener({ url: 'app://salesdesk/index.html', responseHeaders: { 'X-Test': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('app page URL', () => {
  it('routes windows by hash on the one entry page', () => {
    expect(appPageUrl('/')).toBe('app://salesdesk/index.html');
    expect(appPageUrl('/board')).toBe('app://salesdesk/index.html#/board');
    expect(appPageUrl('board')).toBe('app://salesdesk/index.html#/board');
  });

  it.each([
    ['app://salesdesk/index.html', true],
    ['app://salesdesk/index.html#/board', true],
    ['app://salesdesk/', true],
    ['app://salesdesk/assets/evil.html', false],
    ['app://other/index.html', false],
    ['app://user@salesdesk/index.html', false],
    ['file:///work/main/dist/renderer/index.html', false],
    ['https://salesdesk/index.html', false],
    ['http://127.0.0.1:5757/', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAppPageUrl(url)).toBe(expected);
  });
});

describe('hardenWebContents', () => {
  function harden() {
    const contents = new FakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, { openExternal });
    return { contents, openExternal };
  }

  it('prevents navigation and redirects away from the app page', () => {
    const { contents } = harden();
    for (const name of ['will-navigate', 'will-redirect']) {
      const foreign = fakeEvent('https://evil.example/phish');
      contents.emit(name, foreign, foreign.url);
      expect(foreign.defaultPrevented, name).toBe(true);

      const file = fakeEvent('file:///etc/passwd');
      contents.emit(name, file, file.url);
      expect(file.defaultPrevented, name).toBe(true);

      const own = fakeEvent('app://salesdesk/index.html#/desk');
      contents.emit(name, own, own.url);
      expect(own.defaultPrevented, name).toBe(false);
    }
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = harden();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every window.open, sending only http(s) links to the system browser', () => {
    const { contents, openExternal } = harden();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://example.com/map?q=楼盘' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(new URL('https://example.com/map?q=楼盘').toString());

    openExternal.mockClear();
    for (const url of [
      'app://salesdesk/index.html',
      'file:///C:/Windows/system32/calc.exe',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:foo',
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const setPermissionRequestHandler = vi.fn();
    const setPermissionCheckHandler = vi.fn();
    denyAllPermissions({ setPermissionRequestHandler, setPermissionCheckHandler } as unknown as Session);

    const request = setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    const check = setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://salesdesk', {})).toBe(false);
  });
});
