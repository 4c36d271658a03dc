import type { AgeBand, PatchPerson, PersonDetail } from './types.ts';

/** The edit form as typed: text boxes hold strings, lists are comma-separated. */
export interface PersonForm {
  name: string;
  /** A new number, or '' to keep the one on record. */
  phone: string;
  removePhone: boolean;
  whatsapp: boolean;
  ageBand: AgeBand | '';
  languages: string;
  tags: string;
  notes: string;
}

export type FormProblem = 'required' | 'tooLong' | 'phoneInvalid' | 'languagesInvalid' | 'tagsInvalid';

export function formOf(p: PersonDetail): PersonForm {
  return {
    name: p.name,
    phone: '',
    removePhone: false,
    whatsapp: p.whatsapp,
    ageBand: p.ageBand ?? '',
    languages: p.languages.join(', '),
    tags: p.tags.join(', '),
    notes: p.notes ?? '',
  };
}

/** "hi, en" → ['hi', 'en']: trimmed, empties and repeats dropped. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،]/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The PATCH for what changed, or the problems that stop it. `normalisePhone` turns a typed number into E.164 (null
 * when it is not one). An unchanged form gives an empty patch (nothing to send).
 */
export function patchOf(
  original: PersonDetail,
  form: PersonForm,
  normalisePhone: (typed: string) => string | null,
): { patch: PatchPerson; problems: Partial<Record<keyof PersonForm, FormProblem>> } {
  const problems: Partial<Record<keyof PersonForm, FormProblem>> = {};
  const patch: PatchPerson = {};
  const name = form.name.trim();
  if (!name) problems.name = 'required';
  else if (name.length > 200) problems.name = 'tooLong';
  else if (name !== original.name) patch.name = name;

  if (form.removePhone) {
    if (original.phoneMasked) patch.phone = null;
  } else if (form.phone.trim()) {
    const e164 = normalisePhone(form.phone);
    if (!e164) problems.phone = 'phoneInvalid';
    else patch.phone = e164;
  }
  if (form.whatsapp !== original.whatsapp) patch.whatsapp = form.whatsapp;
  const band = form.ageBand || null;
  if (band !== original.ageBand) patch.ageBand = band;

  const languages = splitList(form.languages).map((l) => l.toLowerCase());
  if (languages.length > 10 || languages.some((l) => !/^[a-z]{2,3}$/.test(l))) problems.languages = 'languagesInvalid';
  else if (!same(languages, original.languages)) patch.languages = languages;

  const tags = splitList(form.tags);
  if (tags.length > 20 || tags.some((x) => x.length > 40)) problems.tags = 'tagsInvalid';
  else if (!same(tags, original.tags)) patch.tags = tags;

  const notes = form.notes.trim();
  if (notes.length > 2000) problems.notes = 'tooLong';
  else if (notes !== (original.notes ?? '')) patch.notes = notes || null;
  return { patch, problems };
}

/** The typed confirmation matches the name as shown, whatever the case and spacing. */
export function confirmsName(typed: string, name: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return norm(typed) !== '' && norm(typed) === norm(name);
}
