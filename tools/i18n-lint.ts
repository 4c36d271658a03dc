/**
 * The translation lint (`node tools/i18n-lint.ts`, part of `npm run lint`): every message of the web app exists in
 * Hindi and English, is not empty, and has the same `{placeholders}` in both; every API error code has a message.
 *
 * It imports each src/web/**\/*messages.ts (messages.ts, group-messages.ts…) and src/web/lib/error-messages.ts as Node loads them (type stripping), so
 * those files must import nothing that Node cannot run (no .tsx, no React): they use lib/define-messages.ts.
 * Exits 1 listing file, message set and key for each problem.
 */
import { glob } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const LANGS = ['en', 'hi'] as const;

/** One message set found in a file: `orgMessages` in src/web/features/org/messages.ts. */
export interface FoundSet {
  file: string;
  name: string;
  set: unknown;
}

/** One thing wrong, located precisely enough to fix. */
export interface Problem {
  file: string;
  where: string;
  message: string;
}

/** The `{name}` placeholders in a message, sorted and without repeats. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** Whether an export looks like a message set (so a messages.ts may also export helpers). */
export function isMessageSet(value: unknown): value is Record<(typeof LANGS)[number], Record<string, unknown>> {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return LANGS.some((l) => v[l] && typeof v[l] === 'object');
}

/** Missing keys in either language, empty or non-text values, and placeholders that differ between the languages. */
export function checkMessageSets(sets: readonly FoundSet[]): Problem[] {
  const problems: Problem[] = [];
  for (const { file, name, set } of sets) {
    const s = (set ?? {}) as Partial<Record<(typeof LANGS)[number], Record<string, unknown>>>;
    for (const lang of LANGS) {
      if (!s[lang] || typeof s[lang] !== 'object') problems.push({ file, where: name, message: `no ${lang} messages` });
    }
    const keys = [...new Set(LANGS.flatMap((l) => Object.keys(s[l] ?? {})))].sort();
    for (const key of keys) {
      const values: Partial<Record<(typeof LANGS)[number], string>> = {};
      for (const lang of LANGS) {
        const where = `${name}.${lang}.${key}`;
        const value = s[lang]?.[key];
        if (value === undefined) {
          const other = LANGS.filter((l) => l !== lang && s[l]?.[key] !== undefined);
          problems.push({ file, where, message: `missing (present in ${other.join(', ')})` });
        } else if (typeof value !== 'string') problems.push({ file, where, message: 'not a text' });
        else if (value.trim() === '') problems.push({ file, where, message: 'empty' });
        else values[lang] = value;
      }
      if (values.en !== undefined && values.hi !== undefined) {
        const en = placeholdersOf(values.en);
        const hi = placeholdersOf(values.hi);
        if (en.join() !== hi.join()) {
          const show = (p: string[]) => (p.length ? p.map((x) => `{${x}}`).join(' ') : 'none');
          problems.push({ file, where: `${name}.${key}`, message: `placeholders differ: en has ${show(en)}, hi has ${show(hi)}` });
        }
      }
    }
  }
  return problems;
}

/** Every error code the API can answer with must have a message (in both languages, which checkMessageSets sees to). */
export function checkErrorCodes(codes: readonly string[], found: FoundSet): Problem[] {
  const s = (found.set ?? {}) as Partial<Record<(typeof LANGS)[number], Record<string, unknown>>>;
  return codes
    .filter((code) => LANGS.some((l) => s[l]?.[code] === undefined))
    .map((code) => ({ file: found.file, where: `${found.name}.${code}`, message: 'API error code without a message' }));
}

/** Loads a module's message sets; a file that cannot load, or exports none, is itself a problem. */
async function setsIn(root: string, file: string): Promise<{ sets: FoundSet[]; problems: Problem[] }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
  } catch (error) {
    return { sets: [], problems: [{ file, where: '(file)', message: `cannot be loaded by Node: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const sets = Object.entries(mod)
    .filter(([, v]) => isMessageSet(v))
    .map(([name, set]) => ({ file, name, set }));
  return { sets, problems: sets.length ? [] : [{ file, where: '(file)', message: 'exports no message set ({ en, hi })' }] };
}

/** Runs the whole lint over the repository at `root`; returns the problems found. */
export async function lintTranslations(root: string): Promise<Problem[]> {
  const files: string[] = [];
  const errorFile = 'src/web/lib/error-messages.ts';
  for await (const f of glob('src/web/**/*messages.ts', { cwd: root })) files.push(f.split(path.sep).join('/'));
  // define-messages.ts is the helper that message files use, not a message file.
  files.splice(0, files.length, ...files.filter((f) => f !== errorFile && !f.endsWith('/define-messages.ts')).sort());
  const problems: Problem[] = [];
  const all: FoundSet[] = [];
  for (const file of [...files, errorFile]) {
    const r = await setsIn(root, file);
    problems.push(...r.problems);
    all.push(...r.sets);
  }
  problems.push(...checkMessageSets(all));
  const { errorCodes } = (await import(pathToFileURL(path.join(root, 'src/contracts/errors.ts')).href)) as { errorCodes: Record<string, number> };
  const errorSet = all.find((s) => s.file === errorFile && s.name === 'errorMessages');
  if (!errorSet) problems.push({ file: errorFile, where: 'errorMessages', message: 'not exported' });
  else problems.push(...checkErrorCodes(Object.keys(errorCodes), errorSet));
  return problems;
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..');
  const problems = await lintTranslations(root);
  for (const p of problems) process.stderr.write(`${p.file}: ${p.where}: ${p.message}\n`);
  if (problems.length > 0) {
    process.stderr.write(`i18n-lint: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
    process.exit(1);
  }
  process.stdout.write('i18n-lint: every message is in Hindi and English with matching placeholders\n');
}
