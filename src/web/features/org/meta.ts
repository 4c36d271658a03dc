import { useEffect } from 'react';
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

const STORAGE_KEY = 'setu.org.meta';
/** The last names seen, for this page's life and (in localStorage) the next opening: configuration rarely changes. */
let lastSeen: OrgMeta | undefined;

function savedMeta(): OrgMeta | undefined {
  if (lastSeen) return lastSeen;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    lastSeen = saved ? (JSON.parse(saved) as OrgMeta) : undefined;
  } catch {
    lastSeen = undefined; // storage off or a damaged copy: wait for the server's
  }
  return lastSeen;
}

/**
 * Levels, roles and departments with their names (configuration, fetched once per screen and cached offline). Until
 * the server answers, the names last seen stand in, so a screen never opens on raw codes ("it", "district").
 */
export function useOrgMeta(): OrgMeta | undefined {
  const fetched = useFetch<OrgMeta>('/api/org/meta').data;
  useEffect(() => {
    if (!fetched || fetched === lastSeen) return;
    lastSeen = fetched;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(fetched));
    } catch {
      // Storage full or off: the names are fetched again next time.
    }
  }, [fetched]);
  return fetched ?? savedMeta();
}

/**
 * The name of a configured thing in the reader's language: nothing while the names load (a raw code such as
 * "district" in a Hindi screen reads as a fault), the code only for one the configuration no longer names.
 */
export function labelOf(list: Named[] | undefined, code: string | null | undefined, lang: Lang): string {
  if (!code || !list) return '';
  const found = list.find((x) => x.code === code);
  return found ? nameIn(lang, found) : code;
}

/** "IT convener" / "आईटी संयोजक": a role qualified by its department. */
export function roleLabel(meta: OrgMeta | undefined, role: string, department: string | null, lang: Lang): string {
  if (!meta) return '';
  const r = labelOf(meta.roles, role, lang);
  if (!department) return r;
  const d = labelOf(meta?.departments, department, lang).replace(/ department$| विभाग$/, '');
  return `${d} ${lang === 'en' ? r.toLowerCase() : r}`;
}
