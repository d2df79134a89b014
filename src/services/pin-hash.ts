/**
 * PINs (their shape: domain/pin-shape) hashed with scrypt and a per-person salt, compared in constant time. The cost is stored
 * with the hash (`scrypt$N:r:p$hex`; the first PINs were `scrypt$N$hex` with r=8, p=1), so it can change
 * without locking anyone out: a PIN hashed with other parameters is re-hashed at its next sign-in.
 *
 * N=2^14, r=8, p=5 is one of OWASP's equivalent scrypt settings (with 2^17/8/1): the same work, ~0.25 s
 * here, a guesser gets five tries before the lockout. It needs 16 MiB per check where 2^17/8/1 needs
 * 128 MiB, which counted whole against the desktop app's memory at every sign-in.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface Cost {
  N: number;
  r: number;
  p: number;
}
export const PIN_COST: Cost = { N: 2 ** 14, r: 8, p: 5 };
/** Vitest runs hundreds of sign-ins: a cheaper cost there only, never in the app. */
const COST: Cost = process.env.VITEST ? { N: 2 ** 12, r: 8, p: 1 } : PIN_COST;
const costText = (c: Cost) => `${c.N}:${c.r}:${c.p}`;

function derive(pin: string, salt: string, c: Cost): Promise<Buffer> {
  // maxmem: room for the legacy 2^17 hashes (128 MiB) until their owners sign in once
  return new Promise((done, failed) =>
    scrypt(pin, Buffer.from(salt, 'hex'), 32, { ...c, maxmem: 256 * 1024 * 1024 }, (e, key) => (e ? failed(e) : done(key))),
  );
}

export async function hashPin(pin: string, cost: Cost = COST): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  return { hash: `scrypt$${costText(cost)}$${(await derive(pin, salt, cost)).toString('hex')}`, salt };
}

function parse(hash: string): { cost: Cost; expected: Buffer } | null {
  const [scheme, params, hex] = hash.split('$');
  if (scheme !== 'scrypt' || !params || !hex) return null;
  const [N, r = 8, p = 1] = params.split(':').map(Number);
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x! > 0)) return null;
  return { cost: { N: N!, r, p }, expected: Buffer.from(hex, 'hex') };
}

export async function pinMatches(pin: string, stored: { hash: string; salt: string }): Promise<boolean> {
  const parsed = parse(stored.hash);
  if (!parsed) return false;
  const actual = await derive(pin, stored.salt, parsed.cost);
  return actual.length === parsed.expected.length && timingSafeEqual(actual, parsed.expected);
}

/** A hash made with other parameters than today's: re-hash it when its owner next signs in. */
export function needsRehash(hash: string): boolean {
  const parsed = parse(hash);
  return !parsed || costText(parsed.cost) !== costText(COST);
}
