/**
 * PINs (4–8 digits) hashed with scrypt and a per-person salt, compared in constant time. The cost is stored
 * with the hash, so it can be raised later without locking anyone out. 2^17 costs ~0.4 s here: a guesser
 * gets five tries before the lockout, a person at the desk waits less than a second.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const PIN_PATTERN = /^\d{4,8}$/;
/** Vitest runs hundreds of sign-ins: a cheaper cost there only, never in the app. */
const COST = process.env.VITEST ? 2 ** 12 : 2 ** 17;

function derive(pin: string, salt: string, n: number): Promise<Buffer> {
  return new Promise((done, failed) =>
    scrypt(pin, Buffer.from(salt, 'hex'), 32, { N: n, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }, (e, key) => (e ? failed(e) : done(key))),
  );
}

export async function hashPin(pin: string, n = COST): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  return { hash: `scrypt$${n}$${(await derive(pin, salt, n)).toString('hex')}`, salt };
}

export async function pinMatches(pin: string, stored: { hash: string; salt: string }): Promise<boolean> {
  const [scheme, n, hex] = stored.hash.split('$');
  if (scheme !== 'scrypt' || !n || !hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const actual = await derive(pin, stored.salt, Number(n));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
