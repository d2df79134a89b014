/** R-SEC-1's mask (src/domain/phone.ts): the first three and the last four digits show, whatever the spelling. */
import { expect, it } from 'vitest';
import { maskPhone, maskPhonesIn } from '../../src/domain/phone';

it.each([
  ['13812345678', '138****5678'],
  ['138-1234-5678', '138****5678'],
  ['021 6123 4567', '021****4567'],
  ['1234567', '123****4567'],
  ['123456', '****'],
  ['', ''],
])('maskPhone(%s) → %s', (phone, masked) => {
  expect(maskPhone(phone)).toBe(masked);
});

it('masks every 7+ digit run of a text, and nothing shorter', () => {
  expect(maskPhonesIn('旧号码 13812345678 改为 13987654321，分机 8001')).toBe('旧号码 138****5678 改为 139****4321，分机 8001');
});
