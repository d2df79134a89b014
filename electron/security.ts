/**
 * The desktop window's security rules, kept free of side effects so tests can drive them with a
 * faked electron module. main.ts only wires these to the real objects.
 *
 * The renderer is untrusted by design: anything it can do, a pasted link or a compromised
 * dependency can do too. So the only power it gets is window.salesdesk.call(), and every path
 * that could lead it elsewhere (navigation, popups, <webview>, permissions, remote scripts) is shut.
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * A custom scheme instead of file://: on file:// every local file shares one origin, so
 * 'self' in the CSP and the sender check would trust any HTML file on the disk. app://salesdesk
 * is an origin that only our bundled renderer can have (see protocol.ts).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'salesdesk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Windows share one page and pick their screen by hash route, so no server-side fallback is needed. */
export function appPageUrl(route = '/'): string {
  return route === '/' ? APP_ENTRY_URL : `${APP_ENTRY_URL}#${route.startsWith('/') ? route : `/${route}`}`;
}

/** True only for our own page (any hash or query): used for navigation and for IPC sender checks. */
export function isAppPageUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // Node treats unknown schemes as opaque (origin 'null'), so compare the parts, not .origin.
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    (url.pathname === '/index.html' || url.pathname === '/')
  );
}

/**
 * No remote source anywhere: the office may be offline, and a CDN script would be code we
 * never reviewed running next to the customer register. Styles are 'self' only too, which
 * still allows React's style={...} props (set through the CSSOM, not inline <style>).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Headers = Record<string, string[]>;

/** Replaces any CSP the response carried (whatever its header case) with ours. */
export function withCsp(headers: Headers | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

export function installCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}

/** The desk needs no camera, microphone, location or notifications; a page asking for them is not ours. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Chromium's spellchecker downloads dictionaries from Google; the office may be offline
    // and customer names would be underlined red anyway.
    spellcheck: false,
  };
}

/** Only plain web links may leave the app, and only to the system browser. */
export function isExternalWebUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export interface HardenOptions {
  openExternal: (url: string) => unknown;
}

/** Applied to every webContents the app ever creates (main.ts hooks 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, { openExternal }: HardenOptions): void {
  const keepInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppPageUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);

  contents.on('will-attach-webview', (event) => event.preventDefault());

  contents.setWindowOpenHandler(({ url }) => {
    // new URL() normalises the string, so the browser gets exactly what we checked.
    if (isExternalWebUrl(url)) void Promise.resolve(openExternal(new URL(url).toString())).catch(() => {});
    return { action: 'deny' };
  });
}
