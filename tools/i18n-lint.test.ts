import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkErrorCodes, checkMessageSets, isMessageSet, lintTranslations, placeholdersOf } from './i18n-lint.ts';

const file = 'src/web/features/x/messages.ts';
const one = (set: unknown) => checkMessageSets([{ file, name: 'xMessages', set }]);

describe('i18n lint', () => {
  it('passes a set with every key in both languages and the same placeholders', () => {
    expect(one({ en: { hi: 'Namaste, {name}', n: '{count} booths' }, hi: { hi: 'नमस्ते, {name}', n: '{count} बूथ' } })).toEqual([]);
  });

  it('names the file, set, language and key of a missing message, either way round', () => {
    expect(one({ en: { a: 'A', b: 'B' }, hi: { a: 'अ', c: 'स' } })).toEqual([
      { file, where: 'xMessages.hi.b', message: 'missing (present in en)' },
      { file, where: 'xMessages.en.c', message: 'missing (present in hi)' },
    ]);
  });

  it('refuses empty and blank messages', () => {
    expect(one({ en: { a: '' }, hi: { a: '  ' } }).map((p) => [p.where, p.message])).toEqual([
      ['xMessages.en.a', 'empty'],
      ['xMessages.hi.a', 'empty'],
    ]);
  });

  it('refuses placeholders that differ between the languages, but not their order or repetition', () => {
    expect(one({ en: { a: '{covered} of {booths}' }, hi: { a: '{booths} में से {covered}' } })).toEqual([]);
    expect(one({ en: { a: '{n} and {n}' }, hi: { a: '{n}' } })).toEqual([]);
    expect(one({ en: { a: 'Sent to {phone}' }, hi: { a: '{fone} पर भेजा' } })).toEqual([
      { file, where: 'xMessages.a', message: 'placeholders differ: en has {phone}, hi has {fone}' },
    ]);
    expect(one({ en: { a: 'Hello {name}' }, hi: { a: 'नमस्ते' } })[0]?.message).toBe('placeholders differ: en has {name}, hi has none');
  });

  it('reports a set without one of the languages', () => {
    expect(one({ en: { a: 'A' } }).map((p) => p.message)).toEqual(['no hi messages', 'missing (present in en)']);
  });

  it('finds placeholders and recognises message sets', () => {
    expect(placeholdersOf('{b} {a} {b} {not a placeholder}')).toEqual(['a', 'b']);
    expect(isMessageSet({ en: {}, hi: {} })).toBe(true);
    expect(isMessageSet(() => 1)).toBe(false);
    expect(isMessageSet('text')).toBe(false);
  });

  it('requires a message for every API error code', () => {
    const set = { en: { forbidden: 'No', internal: 'Oops' }, hi: { forbidden: 'नहीं' } };
    expect(checkErrorCodes(['forbidden', 'internal', 'rate_limited'], { file, name: 'errorMessages', set })).toEqual([
      { file, where: 'errorMessages.internal', message: 'API error code without a message' },
      { file, where: 'errorMessages.rate_limited', message: 'API error code without a message' },
    ]);
  });

  it('finds nothing wrong in the app as it is', async () => {
    expect(await lintTranslations(path.resolve(import.meta.dirname, '..'))).toEqual([]);
  });
});
