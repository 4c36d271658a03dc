import { describe, expect, it } from 'vitest';
import { orderConsents, purposeLabel, purposeTitle } from './consent.ts';
import type { Consent, Notice } from './types.ts';

const notice = (purpose: string, titleEn: string, titleHi: string): Notice => ({
  id: 1,
  purpose,
  version: 1,
  titleEn,
  titleHi,
  textEn: '',
  textHi: '',
  hash: '',
  publishedAt: '',
});
const consent = (id: number, givenAt: string, withdrawnAt: string | null): Consent => ({
  id,
  purpose: 'org_updates',
  noticeVersion: 1,
  noticeHash: '',
  method: 'in_person',
  evidence: null,
  recordedBy: null,
  givenAt,
  withdrawnAt,
});

describe('consent', () => {
  it('names a purpose shortly for badges, by its notice for history, by its code when unknown', () => {
    const notices = [notice('org_updates', 'Organisation updates', 'संगठन की सूचनाएँ'), notice('surveys', 'Surveys', 'सर्वे')];
    expect(purposeLabel('org_updates', notices, 'hi')).toBe('सूचनाएं');
    expect(purposeLabel('whatsapp_groups', undefined, 'en')).toBe('WhatsApp group');
    expect(purposeLabel('surveys', notices, 'hi')).toBe('सर्वे');
    expect(purposeLabel('unknown', notices, 'en')).toBe('unknown');
    expect(purposeTitle('org_updates', notices, 'en')).toBe('Organisation updates');
  });

  it('lists live consents first, newest first, then withdrawn ones, latest withdrawal first', () => {
    const list = [
      consent(1, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
      consent(2, '2026-03-01T00:00:00Z', null),
      consent(3, '2026-01-05T00:00:00Z', '2026-04-01T00:00:00Z'),
      consent(4, '2026-05-01T00:00:00Z', null),
    ];
    expect(orderConsents(list).map((c) => c.id)).toEqual([4, 2, 3, 1]);
  });
});
