import { describe, expect, it } from 'vitest';
import { protectionAt, type RegistrationFact } from '../../src/domain/ownership';
import { phoneKey, phoneProblem } from '../../src/domain/phone';
import { DEFAULT_POLICY, PolicyValueError, resolvePolicy } from '../../src/domain/policy';

describe('phone numbers', () => {
  it('normalises spaces, dashes, +86 and full-width digits to one key', () => {
    for (const p of ['13800001111', '138 0000 1111', '138-0000-1111', '+86 138 0000 1111', '0086-13800001111', '１３８００００１１１１']) {
      expect(phoneKey(p)).toBe('13800001111');
    }
  });
  it('accepts mobiles and landlines with area code, refuses the rest with a reason', () => {
    expect(phoneProblem('13800001111')).toBeNull();
    expect(phoneProblem('0731-88886666')).toBeNull();
    expect(phoneProblem('12345678901')).toBe('phone_mobile_shape');
    expect(phoneProblem('1380000111')).toBe('phone_mobile_shape');
    expect(phoneProblem('010-12345678')).toBe('phone_landline_shape');
    expect(phoneProblem('88886666')).toBe('phone_shape');
    expect(phoneProblem("13800001111' OR 1=1")).toBe('phone_digits_only');
  });
});

describe('policy', () => {
  it('defaults are the rulebook numbers', () => {
    expect(DEFAULT_POLICY.protectionMonths).toBe(1);
    expect(DEFAULT_POLICY.switchFirstBps).toBe(7000);
    expect(DEFAULT_POLICY.referrerBps).toBe(3000);
  });
  it('refuses unknown keys and out-of-range shares', () => {
    const thrown = (overrides: Record<string, unknown>) => {
      try {
        resolvePolicy(overrides);
      } catch (e) {
        return e instanceof PolicyValueError ? { key: e.key, ...e.found } : e;
      }
      return null;
    };
    expect(thrown({ nope: 1 })).toEqual({ key: 'nope', problem: 'policy_key_unknown' });
    expect(thrown({ referrerBps: 10001 })).toEqual({ key: 'referrerBps', problem: 'policy_out_of_range', min: 0, max: 10000 });
    expect(thrown({ referrerBps: '30%' })).toEqual({ key: 'referrerBps', problem: 'policy_out_of_range', min: 0, max: 10000 });
    expect(thrown({ busyHeadKeepsPlace: 1 })).toEqual({ key: 'busyHeadKeepsPlace', problem: 'policy_boolean' });
    expect(resolvePolicy({ lunchDeskSize: 3 }).lunchDeskSize).toBe(3);
  });
});

describe('protection period (R-OWN-2, 3, 5)', () => {
  const reg = (id: number, consultant: string, at: string, status: RegistrationFact['status'] = 'confirmed'): RegistrationFact => ({
    id,
    visitId: id,
    customerId: 1,
    consultant,
    at: new Date(at),
    status,
  });
  const t = (s: string) => new Date(s);

  it('one calendar month: 31 Jan ends on 28 Feb at the same hour', () => {
    const regs = [reg(1, 'zhang', '2026-01-31T10:05:00')];
    expect(protectionAt(regs, t('2026-02-28T10:04:00'), 1)?.owner).toBe('zhang');
    expect(protectionAt(regs, t('2026-02-28T10:06:00'), 1)).toBeNull();
    expect(protectionAt(regs, t('2026-02-10T00:00:00'), 1)?.until).toEqual(t('2026-02-28T10:05:00'));
  });
  it('each registration keeps the protection period in force when it was made, whatever the period is now', () => {
    const under1 = { ...reg(1, 'zhang', '2026-03-01T10:00:00'), protectionMonths: 1 };
    // the period is 2 months now: the March registration still ends on 1 April
    expect(protectionAt([under1], t('2026-04-01T09:59:00'), 2)?.until).toEqual(t('2026-04-01T10:00:00'));
    expect(protectionAt([under1], t('2026-04-15T00:00:00'), 2)).toBeNull();
    // a renewal made after the change to 2 months runs 2 months from itself
    const renewal = { ...reg(2, 'zhang', '2026-03-20T10:00:00'), protectionMonths: 2 };
    expect(protectionAt([under1, renewal], t('2026-04-15T00:00:00'), 1)?.until).toEqual(t('2026-05-20T10:00:00'));
  });
  it('only confirmed registrations protect; pending and rejected do not', () => {
    expect(protectionAt([reg(1, 'a', '2026-03-01T10:00:00', 'pending')], t('2026-03-02T00:00:00'), 1)).toBeNull();
    expect(protectionAt([reg(1, 'a', '2026-03-01T10:00:00', 'rejected')], t('2026-03-02T00:00:00'), 1)).toBeNull();
  });
  it("the owner's later visit renews; another consultant's registration inside protection loses", () => {
    const regs = [reg(1, 'a', '2026-03-01T10:00:00'), reg(2, 'b', '2026-03-10T10:00:00'), reg(3, 'a', '2026-03-20T10:00:00')];
    const p = protectionAt(regs, t('2026-04-10T00:00:00'), 1);
    expect(p?.owner).toBe('a');
    expect(p?.until).toEqual(t('2026-04-20T10:00:00'));
  });
  it('after lapse the customer is new again and the next registration owns', () => {
    const regs = [reg(1, 'a', '2026-03-01T10:00:00'), reg(2, 'b', '2026-04-05T10:00:00')];
    expect(protectionAt(regs, t('2026-04-03T00:00:00'), 1)).toBeNull();
    expect(protectionAt(regs, t('2026-04-06T00:00:00'), 1)?.owner).toBe('b');
  });
});
