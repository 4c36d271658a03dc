import { useFetch } from '../../lib/use-fetch.ts';
import { nameIn } from '../../lib/i18n.tsx';
import type { Lang } from '../../lib/format.ts';

interface Named {
  code: string;
  nameEn: string;
  nameHi: string;
}
export interface OrgMeta {
  levels: Array<Named & { depth: number }>;
  roles: Array<Named & { rank: number; permissions: string[] }>;
  departments: Named[];
}

/** Levels, roles and departments with their names (configuration, fetched once per screen and cached offline). */
export function useOrgMeta() {
  return useFetch<OrgMeta>('/api/org/meta').data;
}

/** The name of a configured thing in the reader's language, or its code while the names load. */
export function labelOf(list: Named[] | undefined, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const found = list?.find((x) => x.code === code);
  return found ? nameIn(lang, found) : code;
}

/** "IT convener" / "आईटी संयोजक": a role qualified by its department. */
export function roleLabel(meta: OrgMeta | undefined, role: string, department: string | null, lang: Lang): string {
  const r = labelOf(meta?.roles, role, lang);
  if (!department) return r;
  const d = labelOf(meta?.departments, department, lang).replace(/ department$| विभाग$/, '');
  return `${d} ${lang === 'en' ? r.toLowerCase() : r}`;
}
