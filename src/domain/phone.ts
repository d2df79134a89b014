/**
 * Phone numbers as the desk receives them: with spaces, dashes, +86 / 0086, full-width digits.
 * The key is the bare national number, so every spelling of one phone finds one customer.
 */
export function phoneKey(input: string): string {
  const halfWidth = input.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\uFF0B/g, '+');
  let digits = halfWidth.replace(/[\s\-()（）.]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return digits;
}

/** What can be wrong with a phone number (words: the renderer's issue.phone_*). */
export type PhoneProblem = 'phone_digits_only' | 'phone_mobile_shape' | 'phone_landline_shape' | 'phone_shape';

/**
 * null when acceptable, else what is wrong. Mobiles: 1[3-9] + 9 digits. Landlines: 0, an area code
 * (10 and 20–29 for Beijing, Shanghai…, or three digits from 300 up) and a local number of 7–8 digits that never
 * starts with 0 or 1 — so 00000000000 or 010-12345678 is no phone.
 */
export function phoneProblem(input: string): PhoneProblem | null {
  const key = phoneKey(input);
  if (!/^\d+$/.test(key)) return 'phone_digits_only';
  if (key.startsWith('1')) return /^1[3-9]\d{9}$/.test(key) ? null : 'phone_mobile_shape';
  if (key.startsWith('0')) return /^0(?:10|2\d|[3-9]\d\d)[2-9]\d{6,7}$/.test(key) ? null : 'phone_landline_shape';
  return 'phone_shape';
}

/** R-SEC-1: a number shown to someone who may not see it in full: the first three and last four digits (138****5678). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return phone ? '****' : '';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Any 7+ digit run in a text (a timeline entry quoting a corrected number), masked. */
export const maskPhonesIn = (text: string): string => text.replace(/\d{7,}/g, (d) => maskPhone(d));
