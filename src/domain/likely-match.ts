/**
 * R-OWN-8: the same person under another number — same name, or same pinyin with a phone one or two digits
 * off; or the typed number already registered under a clearly different name (a family member, a mistyped
 * number). Shown at the desk and on the PM's daily list as facts; never decides a reception by itself.
 */
import { digitDistance, nameKey } from './names';

export type MatchWhy =
  /** same name; `digitsOff` when the phones differ in one or two digits, else null */
  | { kind: 'same_name'; digitsOff: number | null }
  /** same pinyin, another spelling (the candidate's name is the match's `name`), phones one or two digits apart */
  | { kind: 'same_pinyin'; digitsOff: number }
  /** the typed number is registered under the match's `name`, not the name typed */
  | { kind: 'phone_under_other_name' };

const NEAR_DIGITS = 2;

/** Why a candidate (another record found by name or pinyin) may be the customer typed; null: it is not likely. */
export function likelyMatch(typed: { name: string; phoneKey: string }, candidate: { name: string; phoneKey: string }): MatchWhy | null {
  const name = typed.name.trim();
  const distance = digitDistance(candidate.phoneKey, typed.phoneKey);
  const near = distance !== null && distance <= NEAR_DIGITS ? distance : null;
  if (candidate.name === name) return { kind: 'same_name', digitsOff: near };
  if (near !== null) return { kind: 'same_pinyin', digitsOff: near };
  return null;
}

/** The record under the typed number carries another name, not a spelling of the typed one. */
export function phoneUnderOtherName(recordName: string, typedName: string): MatchWhy | null {
  return recordName !== typedName.trim() && nameKey(recordName) !== nameKey(typedName) ? { kind: 'phone_under_other_name' } : null;
}
