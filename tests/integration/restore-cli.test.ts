/** Issue 13 point 10: `salesdesk verify` on a file that is not a database says so in one sentence, no stack trace. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'salesdesk-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function verify(file: string): { status: number; out: string } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'verify', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

describe('salesdesk verify on a malformed file', () => {
  const files: [string, string | Buffer][] = [
    ['0 bytes', ''],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))],
    ['a text file', '这不是数据库\nnot a database\n'],
  ];
  it.each(files)('%s: one Chinese sentence, exit code 1, no stack trace', { timeout: 120_000 }, (what, content) => {
    const file = join(dir, `${what.replace(/\s/g, '-')}.sqlite`);
    writeFileSync(file, content);
    const { status, out } = verify(file);
    expect(status).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines, out).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ .*[\u4e00-\u9fff].*。$/);
    expect(out).not.toMatch(/^\s*at /m);
    expect(out).not.toMatch(/Error|node_modules/);
  });
});
