import type { BrowserContext } from 'playwright-core';
import { apiGet } from './browser.ts';

/** The unit fields the tests read from the API. */
export interface UnitRow {
  id: number;
  parentId: number | null;
  level: string;
  nameEn: string;
  nameHi: string;
  booths: number;
}

export async function children(context: BrowserContext, id: number): Promise<UnitRow[]> {
  return (await apiGet<{ items: UnitRow[] }>(context, `/api/units/${id}/children?limit=500`)).items;
}

/** Walks English names down from a unit the caller can see: `['Uttar Pradesh', 'Awadh', 'Lucknow']` from the root. */
export async function unitByNames(context: BrowserContext, fromId: number, names: string[]): Promise<UnitRow> {
  let current = await apiGet<UnitRow>(context, `/api/units/${fromId}`);
  for (const name of names) {
    const next = (await children(context, current.id)).find((u) => u.nameEn === name);
    if (!next) throw new Error(`no unit named ${name} under ${current.nameEn} (${current.id})`);
    current = next;
  }
  return current;
}

/**
 * A path from `rootId` down to a booth, choosing at each step a child whose names, in both languages, appear in no
 * sibling's or ancestor's name: then "the link named X" is one link on the screen, whatever else the screen lists.
 */
export async function pathToBooth(context: BrowserContext, root: UnitRow): Promise<UnitRow[]> {
  const path: UnitRow[] = [root];
  for (let depth = 0; depth < 10; depth++) {
    const here = path.at(-1)!;
    if (here.level === 'booth') return path;
    const kids = (await children(context, here.id)).filter((u) => u.booths > 0 || u.level === 'booth');
    const taken = (u: UnitRow, others: UnitRow[]) =>
      others.some((o) => o !== u && (o.nameEn.toLowerCase().includes(u.nameEn.toLowerCase()) || o.nameHi.includes(u.nameHi)));
    const pick = kids.find((u) => !taken(u, [...kids, ...path]));
    if (!pick) throw new Error(`every child of ${here.nameEn} shares a name with another: cannot aim a link at one`);
    path.push(pick);
  }
  throw new Error(`no booth within 10 levels of ${root.nameEn}`);
}
