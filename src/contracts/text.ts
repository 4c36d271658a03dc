import { z } from 'zod';

/**
 * What a name or a piece of free text may hold, one rule for the API, door-to-door capture and the CSV imports.
 * A name is shown in lists, rosters, vCards and spreadsheets, so nothing in it may be invisible or reorder what is
 * around it: a name that looks like another, or text that runs backwards after it, is how people are fooled.
 */

// ZWNJ and ZWJ choose how a Devanagari conjunct is drawn (क्‍ष, half forms): kept there, and nowhere else. A
// variation selector after an emoji picks its colour form (❤️ in a group's name).
// eslint-disable-next-line no-misleading-character-class -- joiners and selectors on their own, as escapes, are the point
const ALLOWED_JOINER = /(?<=[\u0900-\u097F\uA8E0-\uA8FF])[\u200C\u200D](?=[\u0900-\u097F\uA8E0-\uA8FF])|(?<=\p{Extended_Pictographic})[\uFE0E\uFE0F]/gu;

// Controls (C0, DEL, C1, line and paragraph separators) and format characters: bidi marks, embeddings, overrides and
// isolates, zero-width spaces and joiners, the BOM, soft hyphens, tag characters. Then the characters that draw
// nothing though Unicode calls them letters or marks: the grapheme joiner, Hangul and Khmer fillers, the Mongolian
// selectors, the blank Braille pattern, variation selectors.
// eslint-disable-next-line no-misleading-character-class -- invisible characters on their own, as escapes, are the point
const INVISIBLE_IN_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/u;

// Free text may span lines and keep the marks Urdu and Hindi prose use (ZWJ, ZWNJ, LRM, RLM), but never a control
// (NUL among them) nor a bidi embedding, override or isolate, which make text display in an order other than its own.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;
// eslint-disable-next-line no-control-regex -- as above, with tab, line feed and carriage return allowed
const FORBIDDEN_IN_BLOCK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** Why a name is refused (in English, for the API's issues and the import's rejects), or null. Checks the text as given. */
export function nameProblem(value: string): string | null {
  return INVISIBLE_IN_NAME.test(value.replace(ALLOWED_JOINER, ''))
    ? 'has a control, invisible or text-direction character (a line break, tab, zero-width or bidi character)'
    : null;
}

/** Spaces (of any width) off both ends; unlike String.trim, tabs, line breaks and the BOM stay, to be refused. */
export const trimSpaces = (value: string) => value.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');

/** A name as stored: NFC, every run of spaces (of any width) one space, trimmed. */
export const normaliseName = (value: string) => trimSpaces(value.normalize('NFC').replace(/\p{Zs}+/gu, ' '));

/** Why free text is refused, or null. `multiline` allows tab, line feed and carriage return. */
export function textProblem(value: string, multiline: boolean): string | null {
  return (multiline ? FORBIDDEN_IN_BLOCK : FORBIDDEN_IN_LINE).test(value) ? 'has a control character (NUL, …) or a bidi override or isolate' : null;
}

/** Free text as stored: NFC, trimmed. */
export const normaliseText = (value: string) => value.normalize('NFC').trim();

const refuse = (problem: (value: string) => string | null) => (value: string, ctx: z.core.$RefinementCtx<string>) => {
  const why = problem(value);
  if (why) ctx.addIssue({ code: 'custom', message: why, input: value });
};

/** A person's, unit's or group's name: 1–`max` characters under nameProblem, normalised by normaliseName. */
export const nameText = (max = 200) => z.string().superRefine(refuse(nameProblem)).overwrite(normaliseName).min(1).max(max);

/** One line of free text (a title, a tag, a reason, a search): `min`–`max` characters, no controls, no bidi overrides, NFC, trimmed. */
export const textLine = (max: number, min = 1) =>
  z
    .string()
    .superRefine(refuse((v) => textProblem(v, false)))
    .overwrite(normaliseText)
    .min(min)
    .max(max);

/** Free text that may span lines (notes, bodies, minutes): `min`–`max` characters (empty allowed by default), as textLine otherwise. */
export const textBlock = (max: number, min = 0) =>
  z
    .string()
    .superRefine(refuse((v) => textProblem(v, true)))
    .overwrite(normaliseText)
    .min(min)
    .max(max);
