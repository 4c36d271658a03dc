/** A page of people: enough for a phone on 2G, the rest behind "show more". */
export const PEOPLE_PAGE_SIZE = 50;

/** What the people list is narrowed to: a name typed in either script, a consent purpose, workers or supporters. */
export interface PeopleFilter {
  q: string;
  consent: string;
  kind: '' | 'worker' | 'supporter';
}

export const NO_FILTER: PeopleFilter = Object.freeze({ q: '', consent: '', kind: '' });

/** The shortest name worth searching for; counts letters, not UTF-16 units (Devanagari). */
export const MIN_QUERY = 2;

/** The search text to send, or '' while it is too short to search: spaces squeezed, at most 100 letters. */
export function peopleQueryText(raw: string): string {
  const q = [...raw.trim().replace(/\s+/g, ' ')].slice(0, 100).join('');
  return [...q].length >= MIN_QUERY ? q : '';
}

/** GET /api/units/{id}/people with the filter (empty parts left out) and the cursor of the page to fetch. */
export function peoplePath(unitId: number | string, filter: PeopleFilter, cursor?: string | null, limit = PEOPLE_PAGE_SIZE): string {
  const params = new URLSearchParams();
  const q = peopleQueryText(filter.q);
  if (q) params.set('q', q);
  if (filter.consent) params.set('consent', filter.consent);
  if (filter.kind) params.set('kind', filter.kind);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return `/api/units/${unitId}/people?${params.toString()}`;
}
