import { describe, expect, it } from 'vitest';
import { formatCompact, formatDate, formatNumber, formatPercent, formatPhone } from './format.ts';

describe('Indian formats', () => {
  it('groups digits the Indian way in both languages', () => {
    expect(formatNumber(105000, 'en')).toBe('1,05,000');
    expect(formatNumber(1048529, 'hi')).toBe('10,48,529');
  });
  it('says lakh and crore where natural', () => {
    expect(formatCompact(162069, 'en')).toBe('1.6 lakh');
    expect(formatCompact(162069, 'hi')).toBe('1.6 लाख');
    expect(formatCompact(105000000, 'en')).toBe('10.5 crore');
    expect(formatCompact(4824, 'en')).toBe('4,824');
  });
  it('writes dates as 10 Nov 2026 / 10 नवंबर 2026', () => {
    const d = new Date(2026, 10, 10);
    expect(formatDate(d, 'en')).toBe('10 Nov 2026');
    expect(formatDate(d, 'hi')).toBe('10 नवंबर 2026');
  });
  it('formats ratios as percentages, never calling a little "0%"', () => {
    expect(formatPercent(0.456, 'en')).toBe('46%');
    expect(formatPercent(1 / 1612, 'en')).toBe('<1%');
    expect(formatPercent(0, 'hi')).toBe('0%');
  });
});

describe('formatPhone', () => {
  it('groups Indian mobiles in two fives and leaves other numbers as they are', () => {
    expect(formatPhone('+919810000003')).toBe('+91 98100 00003');
    expect(formatPhone('+14155550100')).toBe('+14155550100');
  });
});
