import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone, Phone } from '../../../../contracts/phone.ts';
import { createPiiCipher } from '../../../platform/crypto.ts';
import { engine } from '../../../testing/database.ts';
import { findPlainText, phoneSpellings } from '../../../testing/pii-scan.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../../testing/setu.ts';
import { insertPerson } from '../people.repo.ts';

describe('Indian phone numbers typed every common way', () => {
  const mobile = [
    '9876543210',
    '98765 43210',
    '98765-43210',
    '9876 543 210',
    '098765-43210',
    '0 98765 43210',
    '(0)98765 43210',
    '+91 98765 43210',
    '+91-98765-43210',
    '+91 98 765 432 10',
    '+91(0)9876543210',
    '+91 (0) 98765 43210',
    '(+91) 98765 43210',
    '91 98765 43210',
    '91-9876543210',
    '919876543210',
    '0091 98765 43210',
    '0091-9876543210',
    '00919876543210',
    ' +91 9876543210 ',
    'tel:+919876543210',
    '+91.98765.43210',
    '९८७६५ ४३२१०',
    '+९१ ९८७६५-४३२१०',
  ];
  it.each(mobile)('reads %j as +919876543210', (typed) => {
    expect(normalisePhone(typed)).toBe('+919876543210');
    expect(Phone.parse(typed)).toBe('+919876543210');
  });

  it.each([
    ['0522-2234567', '+915222234567'], // Lucknow, STD code 0522
    ['0522 2234567', '+915222234567'],
    ['(0522) 2234567', '+915222234567'],
    ['+91 522 2234567', '+915222234567'],
    ['011-23456789', '+911123456789'], // Delhi
    ['+91 11 2345 6789', '+911123456789'],
    ['022 2266 1234', '+912222661234'], // Mumbai
    ['0591-2412345', '+915912412345'], // Moradabad
  ])('reads the landline %j with its STD code as %s', (typed, e164) => {
    expect(normalisePhone(typed)).toBe(e164);
  });

  it('reads numbers beginning 6, 7, 8 and 9, and the 91 prefix ambiguity the right way', () => {
    expect(normalisePhone('6000012345')).toBe('+916000012345');
    expect(normalisePhone('7012345678')).toBe('+917012345678');
    expect(normalisePhone('8123456789')).toBe('+918123456789');
    // A mobile that itself starts with 91: ten digits are the number, twelve are 91 + number.
    expect(normalisePhone('9191234567')).toBe('+919191234567');
    expect(normalisePhone('919191234567')).toBe('+919191234567');
  });

  it('keeps numbers of other countries when written with their code', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('+1 212 555 0100')).toBe('+12125550100');
    expect(normalisePhone('00971 50 123 4567')).toBe('+971501234567');
  });

  it.each(['', 'abc', '12345', '98765 4321', '98765 432100', '987654321012', '0000000000', '22345678', '+91', '++91 98765 43210'])('refuses %j', (typed) => {
    expect(normalisePhone(typed)).toBeNull();
    expect(Phone.safeParse(typed).success).toBe(false);
  });

  it('masks all but the first two and last three digits', () => {
    expect(maskPhone('+919876543210')).toBe('+91 98•••••210');
    expect(maskPhone('+442079460958')).toBe('+44•••••••958');
  });
});

describe('phone encryption', () => {
  const cipher = createPiiCipher(TEST_SECRET);
  it('round-trips, with a fresh IV each time, and refuses tampering and other keys', () => {
    const a = cipher.encrypt('+919876543210');
    const b = cipher.encrypt('+919876543210');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(cipher.decrypt(a)).toBe('+919876543210');
    expect(Buffer.from(a).toString('latin1')).not.toContain('9876543210');
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => createPiiCipher(Buffer.alloc(32, 8).toString('base64')).decrypt(a)).toThrow();
  });
  it('gives one blind index per number however it was typed, and different ones per number and key', () => {
    const index = (typed: string) => Buffer.from(cipher.blindIndex(normalisePhone(typed)!)).toString('hex');
    expect(new Set(['98765 43210', '+91-98765-43210', '0091 98765 43210', '९८७६५ ४३२१०'].map(index)).size).toBe(1);
    expect(index('98765 43211')).not.toBe(index('98765 43210'));
    const other = createPiiCipher(Buffer.alloc(32, 8).toString('base64'));
    expect(Buffer.from(other.blindIndex('+919876543210')).equals(Buffer.from(cipher.blindIndex('+919876543210')))).toBe(false);
  });
});

describe(`phones stored in the database (${engine})`, () => {
  let t: TestSetu;
  const cipher = createPiiCipher(TEST_SECRET);
  beforeAll(async () => {
    t = await createTestSetu();
  });
  afterAll(() => t.stop());

  it('reads back what it wrote, and writes no plain number anywhere', async () => {
    const id = await insertPerson(t.database.db, cipher, { name: 'Round Trip', phone: '+919876543210', notes: 'ring twice' });
    const row = await t.database.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(cipher.decrypt(row.phone_enc!)).toBe('+919876543210');
    expect(cipher.decrypt(row.notes_enc!)).toBe('ring twice');
    expect(Buffer.from(row.phone_hash!).equals(Buffer.from(cipher.blindIndex('+919876543210')))).toBe(true);
    expect(row.pii_key_id).toBe(cipher.keyId);
    expect(await findPlainText(t.database.db, [...phoneSpellings('+919876543210'), 'ring twice'])).toEqual([]);
    // The scan ignores case: the name and its search key (' rond trip ', folded by 0018) both hold what it is given.
    expect(await findPlainText(t.database.db, ['Round Trip', 'Rond Trip'])).toEqual([
      { needle: 'Round Trip', table: 'people', column: 'name', rows: 1 },
      { needle: 'Rond Trip', table: 'people', column: 'search_key', rows: 1 },
    ]);
    expect(await findPlainText(t.database.db, ['Round Trip'], { caseSensitive: true })).toHaveLength(1);
  });
});
