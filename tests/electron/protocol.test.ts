// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from '../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

let base: string;
let rendererDir: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-protocol-'));
  rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>售楼接待台</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppFile(rendererDir, 'app://salesdesk/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://salesdesk/index.html#/board')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://salesdesk/assets/index-abc.js?v=1')).toBe(path.join(rendererDir, 'assets', 'index-abc.js'));
  });

  it.each([
    'app://salesdesk/..%2fsecret.txt',
    'app://salesdesk/assets/..%2f..%2fsecret.txt',
    'app://salesdesk/%2e%2e%2fsecret.txt',
    'app://salesdesk/..%5csecret.txt',
    'app://salesdesk/index.html%00.js',
    'app://salesdesk/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(rendererDir, url)).toBeNull();
  });
});

describe('app:// handler', () => {
  const handler = () => createAppProtocolHandler(rendererDir);

  it('serves the page and scripts with their MIME type and our CSP', async () => {
    const page = await handler()(new Request('app://salesdesk/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('售楼接待台');

    const script = await handler()(new Request('app://salesdesk/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for missing files and escapes, 405 for writes', async () => {
    expect((await handler()(new Request('app://salesdesk/nope.js'))).status).toBe(404);
    const escape = await handler()(new Request('app://salesdesk/..%2fsecret.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('outside');
    expect((await handler()(new Request('app://salesdesk/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
