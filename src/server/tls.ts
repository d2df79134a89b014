/**
 * LAN mode's certificate: made once on the first LAN start, kept in the data folder (tls/cert.pem and
 * tls/key.pem, the key readable by its owner only) and reused on every start after, so its fingerprint
 * stays the same and the other terminals can check it once. Nobody signs it: each browser warns the first
 * time, and the person at that terminal compares the SHA-256 fingerprint the browser shows with the one
 * the server prints at start (also in tls/fingerprint.txt). An office with its own certificate puts its
 * cert.pem and key.pem there instead.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { machineNames } from './hosts';

export interface Certificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, colon-separated hex, as browsers show it */
  fingerprint: string;
  /** made on this start (false: the one from an earlier start) */
  created: boolean;
  dir: string;
}

const YEARS = 10;

/** The names and addresses the certificate is for (the ones the Host check accepts); browsers compare them with the address typed. */
function altNames(extraHosts: readonly string[]): { type: 2 | 7; value?: string; ip?: string }[] {
  const own = machineNames(extraHosts);
  const dns = [...new Set(['localhost', ...own.names])].map((value) => ({ type: 2 as const, value }));
  const ips = ['127.0.0.1', '::1', ...own.ips.map((i) => i.address)];
  return [...dns, ...[...new Set(ips)].map((ip) => ({ type: 7 as const, ip }))];
}

function write(path: string, text: string, mode: number) {
  // Written beside, then renamed: a kill mid-write never leaves half a key under the real name.
  writeFileSync(`${path}.tmp`, text, { mode });
  renameSync(`${path}.tmp`, path);
}

export async function loadOrCreateCertificate(
  dataDir: string,
  now: Date = new Date(),
  extraHosts: readonly string[] = [],
): Promise<Certificate> {
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  // cert.pem is written last, so a start killed half-way is simply made again.
  if (existsSync(certPath)) {
    let cert: string, key: string, x509: X509Certificate;
    try {
      cert = readFileSync(certPath, 'utf8');
      key = readFileSync(keyPath, 'utf8');
      x509 = new X509Certificate(cert);
      if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error('key does not match');
    } catch (e) {
      // Never replace it silently: a new fingerprint is exactly what the terminals are told to distrust.
      throw new Error(`局域网证书无法使用（${dir}：${(e as Error).message}）。如需重新生成，请删除该文件夹后重启`, { cause: e });
    }
    if (new Date(x509.validTo) > now) return { key, cert, fingerprint: x509.fingerprint256, created: false, dir };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pems = await generate([{ name: 'commonName', value: `Salesdesk ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + YEARS * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(extraHosts) },
    ],
  });
  const fingerprint = new X509Certificate(pems.cert).fingerprint256;
  write(keyPath, pems.private, 0o600);
  write(join(dir, 'fingerprint.txt'), `SHA-256 ${fingerprint}\n`, 0o644);
  write(certPath, pems.cert, 0o644);
  return { key: pems.private, cert: pems.cert, fingerprint, created: true, dir };
}
