import type { AgeBand, Notice } from '../../../../contracts/people.ts';
import { normaliseTypedPhone } from '../../../lib/indian-phone.ts';
import type { CaptureBody } from '../queue.ts';
import type { captureMessages } from './messages.ts';

type Key = keyof typeof captureMessages.en;

/** The age bands of contracts/people.ts, in the order the form lists them. */
export const AGE_BANDS: readonly AgeBand[] = ['under_18', '18_25', '26_35', '36_50', '51_65', 'over_65'];

/**
 * Languages a person may speak, each written in its own script (an autonym reads the same in a Hindi or an English
 * screen, so these are not translated messages). ISO 639-1 codes, as contracts/people.ts stores them.
 */
export const LANGUAGES: ReadonlyArray<readonly [code: string, autonym: string]> = [
  ['hi', 'हिन्दी'],
  ['en', 'English'],
  ['ur', 'اردو'],
  ['bn', 'বাংলা'],
  ['pa', 'ਪੰਜਾਬੀ'],
  ['mr', 'मराठी'],
  ['gu', 'ગુજરાતી'],
  ['or', 'ଓଡ଼ିଆ'],
  ['ta', 'தமிழ்'],
  ['te', 'తెలుగు'],
  ['kn', 'ಕನ್ನಡ'],
  ['ml', 'മലയാളം'],
];

/** What the form holds while it is filled. */
export interface CaptureFields {
  name: string;
  phone: string;
  whatsapp: boolean;
  ageBand: AgeBand | '';
  languages: string[];
  tags: string;
  notes: string;
  /** Purpose → the notice version the person agreed to, ticked while that version was on screen. */
  consents: Record<string, number>;
}

export const EMPTY_FIELDS: CaptureFields = { name: '', phone: '', whatsapp: false, ageBand: '', languages: [], tags: '', notes: '', consents: {} };

export type FieldErrors = Partial<Record<'name' | 'phone', Key>>;

/** Tags typed as one line: split at commas (Latin or Urdu) and new lines, trimmed, without repeats, within the server's limits. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,،\n]/)
    .map((t) => t.trim().slice(0, 40).trim())
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 20);
}

/**
 * Checks the form and makes the body to queue. Consent is kept only for notices still on screen at the version that
 * was ticked, and never for a child (under 18); WhatsApp only with a number.
 */
export function checkCaptureFields(
  f: CaptureFields,
  notices: readonly Pick<Notice, 'purpose' | 'version'>[] | null,
): { errors: FieldErrors; body?: Omit<CaptureBody, 'clientId' | 'capturedAt'> } {
  const errors: FieldErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (name.length > 200) errors.name = 'nameTooLong';
  let phone: string | undefined;
  if (f.phone.trim()) {
    const e164 = normaliseTypedPhone(f.phone);
    if (!e164) errors.phone = 'phoneInvalid';
    else phone = e164;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const child = f.ageBand === 'under_18';
  const consents = child
    ? []
    : (notices ?? []).filter((n) => f.consents[n.purpose] === n.version).map((n) => ({ purpose: n.purpose, noticeVersion: n.version }));
  const notes = f.notes.trim().slice(0, 2000);
  return {
    errors,
    body: {
      name,
      ...(phone ? { phone } : {}),
      whatsapp: Boolean(phone) && f.whatsapp,
      ...(f.ageBand ? { ageBand: f.ageBand } : {}),
      languages: f.languages.slice(0, 10),
      tags: parseTags(f.tags),
      ...(notes ? { notes } : {}),
      consents,
    },
  };
}

/** The form filled again from a queued entry, to fix it. A consent stays ticked only if its notice has not changed since. */
export function fieldsOf(body: CaptureBody, notices: readonly Pick<Notice, 'purpose' | 'version'>[] | null): CaptureFields {
  const consents: Record<string, number> = {};
  for (const c of body.consents) if (notices?.some((n) => n.purpose === c.purpose && n.version === c.noticeVersion)) consents[c.purpose] = c.noticeVersion;
  return {
    name: body.name,
    phone: body.phone ?? '',
    whatsapp: body.whatsapp,
    ageBand: body.ageBand ?? '',
    languages: body.languages,
    tags: body.tags.join(', '),
    notes: body.notes ?? '',
    consents,
  };
}
