import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../../contracts/phone.ts';
import { normaliseImportedPhone } from './phone.ts';

/** A small PRNG so the sample is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the import's fast path for phone numbers", () => {
  it('gives exactly what libphonenumber-js gives, for every four-digit prefix in every common spelling', () => {
    const random = rng(7);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    const inputs: string[] = [];
    for (let prefix = 0; prefix < 10_000; prefix++) {
      const p = String(prefix).padStart(4, '0');
      for (let k = 0; k < 2; k++) {
        const ten = p + digits(6);
        inputs.push(ten, `+91${ten}`, `91${ten}`, `0${ten}`, `+91 ${ten}`, `${ten.slice(0, 5)} ${ten.slice(5)}`, `+${ten}`, `9${ten}`, ten.slice(1), `${ten}1`);
      }
    }
    inputs.push('', '+91', '91', '+9198765', '٩٨٧٦٥٤٣٢١٠', '+919876543210 ', '+1 202 555 0143', '+44 20 7946 0958');
    let fast = 0;
    const disagree: string[] = [];
    for (const input of inputs) {
      const expected = normalisePhone(input);
      if (normaliseImportedPhone(input) !== expected) disagree.push(`${input} → ${normaliseImportedPhone(input)}, not ${expected}`);
      if (/^(?:\+91|91)?[6-9]\d{9}$/.test(input)) fast++;
    }
    expect(disagree.slice(0, 10)).toEqual([]);
    // The sample does exercise the fast path (and the slow one).
    expect(fast).toBeGreaterThan(20_000);
    expect(inputs.length - fast).toBeGreaterThan(100_000);
  });

  it('normalises the spellings that fill real files', () => {
    for (const typed of ['9876543210', '+919876543210', '919876543210', '09876543210', '98765 43210', '+91 98765-43210', '098765 43210']) {
      expect(normaliseImportedPhone(typed), typed).toBe('+919876543210');
    }
    for (const bad of ['12345', '98765', 'phone', '+91 98765 43210 99']) expect(normaliseImportedPhone(bad), bad).toBeNull();
  });
});
