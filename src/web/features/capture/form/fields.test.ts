import { describe, expect, it } from 'vitest';
import { checkCaptureFields, EMPTY_FIELDS, fieldsOf, parseTags } from './fields.ts';

const NOTICES = [
  { purpose: 'org_updates', version: 1 },
  { purpose: 'whatsapp_groups', version: 2 },
];

describe('the door-to-door form’s checks', () => {
  it('needs a name; a phone, if given, in an Indian format the server will take', () => {
    expect(checkCaptureFields({ ...EMPTY_FIELDS, name: '  ' }, NOTICES).errors).toEqual({ name: 'nameRequired' });
    expect(checkCaptureFields({ ...EMPTY_FIELDS, name: 'Ram', phone: '12345' }, NOTICES).errors).toEqual({ phone: 'phoneInvalid' });
    const ok = checkCaptureFields({ ...EMPTY_FIELDS, name: ' रमेश कुमार ', phone: '098765-43210', whatsapp: true }, NOTICES);
    expect(ok.errors).toEqual({});
    expect(ok.body).toEqual({ name: 'रमेश कुमार', phone: '+919876543210', whatsapp: true, languages: [], tags: [], consents: [] });
  });

  it('records consent only for ticked notices at the version on screen, never for a child, WhatsApp only with a number', () => {
    const f = { ...EMPTY_FIELDS, name: 'Sita', consents: { org_updates: 1, whatsapp_groups: 1 }, whatsapp: true };
    // whatsapp_groups was ticked on version 1; version 2 is what the form now shows: not consent to it.
    expect(checkCaptureFields(f, NOTICES).body).toMatchObject({ whatsapp: false, consents: [{ purpose: 'org_updates', noticeVersion: 1 }] });
    expect(checkCaptureFields({ ...f, ageBand: 'under_18' }, NOTICES).body).toMatchObject({ ageBand: 'under_18', consents: [] });
    expect(checkCaptureFields(f, null).body?.consents).toEqual([]);
  });

  it('splits tags and fills the form back from an entry, dropping consent to a notice that changed', () => {
    expect(parseTags('youth, farmer,, youth ، किसान\nteacher')).toEqual(['youth', 'farmer', 'किसान', 'teacher']);
    const body = {
      clientId: 'x',
      capturedAt: '2026-11-10T10:00:00Z',
      name: 'Gita',
      phone: '+919876543210',
      whatsapp: true,
      languages: ['hi'],
      tags: ['youth', 'farmer'],
      consents: [
        { purpose: 'org_updates', noticeVersion: 1 },
        { purpose: 'whatsapp_groups', noticeVersion: 1 },
      ],
    };
    expect(fieldsOf(body, NOTICES)).toEqual({
      ...EMPTY_FIELDS,
      name: 'Gita',
      phone: '+919876543210',
      whatsapp: true,
      languages: ['hi'],
      tags: 'youth, farmer',
      consents: { org_updates: 1 },
    });
  });
});
