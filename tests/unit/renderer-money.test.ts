/**
 * The commission screens' money fields: typed yuan → integer cents and typed % → basis points by string
 * arithmetic (R-COM-1: no floating point), and back to ¥1,234.56 / 33.33% for display.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpsToInput, formatBps, formatYuan, parsePercent, parseYuan } from '../../renderer/lib/money';

const cents = (raw: string) => {
  const p = parseYuan(raw);
  return p.ok ? p.value : p.why;
};
const bps = (raw: string) => {
  const p = parsePercent(raw);
  return p.ok ? p.value : p.why;
};

describe('typed yuan → cents', () => {
  it('reads what people type', () => {
    expect(cents('32,700.01')).toBe(3270001);
    expect(cents('27,000.01')).toBe(2700001);
    expect(cents('3,270,000.00')).toBe(327000000);
    expect(cents('¥500')).toBe(50000);
    expect(cents(' ￥ 1 200.5 ')).toBe(120050);
    expect(cents('0.1')).toBe(10);
    expect(cents('.07')).toBe(7);
    expect(cents('12.')).toBe(1200);
    expect(cents('３２７００．０１')).toBe(3270001);
    expect(cents('0')).toBe(0);
    // 0.1 + 0.2 style traps never happen: these would be off by a cent with floats
    expect(cents('1.15')).toBe(115);
    expect(cents('4.35')).toBe(435);
    expect(cents('90071992547409.91')).toBe(9007199254740991);
  });

  it('refuses what is not an amount', () => {
    expect(cents('')).toBe('empty');
    expect(cents('  ')).toBe('empty');
    expect(cents('27,000.011')).toBe('decimals');
    expect(cents('12,34')).toBe('format');
    expect(cents('1,0000')).toBe('format');
    expect(cents('-5')).toBe('format');
    expect(cents('1e5')).toBe('format');
    expect(cents('abc')).toBe('format');
    expect(cents('.')).toBe('format');
    expect(cents('90071992547409.92')).toBe('tooLarge');
  });

  it('round-trips every amount through its display', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (c) => {
        expect(cents(formatYuan(c))).toBe(c);
      }),
    );
  });

  it('displays ¥ with thousands separators', () => {
    expect(formatYuan(2700001)).toBe('¥27,000.01');
    expect(formatYuan(1080000)).toBe('¥10,800.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-123456)).toBe('-¥1,234.56');
  });
});

describe('typed % → basis points', () => {
  it('reads shares', () => {
    expect(bps('40')).toBe(4000);
    expect(bps('33.33')).toBe(3333);
    expect(bps('33.33%')).toBe(3333);
    expect(bps('100')).toBe(10000);
    expect(bps('0')).toBe(0);
    expect(bps('12.5')).toBe(1250);
    expect(bps('６０％')).toBe(6000);
  });

  it('refuses what is not a share', () => {
    expect(bps('')).toBe('empty');
    expect(bps('100.01')).toBe('range');
    expect(bps('33.333')).toBe('decimals');
    expect(bps('1,000')).toBe('format');
    expect(bps('-1')).toBe('format');
  });

  it('displays and re-edits shares without trailing zeros', () => {
    expect(formatBps(4000)).toBe('40%');
    expect(formatBps(3333)).toBe('33.33%');
    expect(formatBps(4050)).toBe('40.5%');
    expect(formatBps(5)).toBe('0.05%');
    expect(bpsToInput(6000)).toBe('60');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (b) => {
        expect(bps(bpsToInput(b))).toBe(b);
      }),
    );
  });
});
