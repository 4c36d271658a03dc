import { useId, useState, type FormEvent } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner } from '../../ui/components.tsx';
import { useBoothCount } from './booth-count.ts';
import { useDebouncedValue } from './debounce.ts';
import { labelOf, useOrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import { isTruncated, searchHits, searchPath, searchQuery } from './search.ts';
import type { SearchHit } from './types.ts';

interface Props {
  label: string;
  hint?: string;
  /** Search only below this unit. */
  within?: number;
  /** Without it, each hit is a link to the unit; with it, a button that picks the hit (the move form). */
  onPick?: (hit: SearchHit) => void;
  /** Narrows the hits shown (e.g. to places a unit may move to); `emptyText` then explains an empty list. */
  filter?: (hits: SearchHit[]) => SearchHit[];
  emptyText?: string;
  autoFocus?: boolean;
}

/**
 * Finds units by name as the person types, in Hindi or English, Devanagari or Latin letters (the server matches
 * across scripts). Waits for a pause in typing, so a slow connection is not flooded with requests.
 */
export function UnitSearch({ label, hint, within, onPick, filter, emptyText, autoFocus }: Props) {
  const t = useT(orgMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  const boothCount = useBoothCount();
  const id = useId();
  const [raw, setRaw] = useState('');
  const settled = useDebouncedValue(raw);
  // Clearing the box clears the results at once; only new text waits for the pause.
  const query = searchQuery(raw) ? searchQuery(settled) : null;
  const res = useFetch<unknown>(query ? searchPath(query, within) : null);
  const all = query ? searchHits(res.data) : [];
  const hits = filter ? filter(all) : all;
  const searching = Boolean(query) && res.loading;
  const error = query && !res.loading ? res.error : undefined;

  let status = '';
  if (searching) status = t('searching');
  else if (query && !error && res.data !== undefined)
    status =
      hits.length === 0
        ? all.length > 0 && emptyText
          ? emptyText
          : t('searchNone', { query })
        : hits.length === 1
          ? t('searchCountOne')
          : t('searchCount', { count: formatNumber(hits.length, lang) });

  const onSubmit = (e: FormEvent) => e.preventDefault();
  return (
    <div role="search" className="search">
      <form onSubmit={onSubmit}>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <input
          id={id}
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          aria-describedby={hint ? `${id}-hint` : undefined}
          value={raw}
          onChange={(e) => setRaw(e.target.value)}
        />
      </form>
      <p className="hint" role="status">
        {status}
      </p>
      {query && !searching && isTruncated(res.data) && <p className="hint">{t('searchTruncated')}</p>}
      {error && <Banner kind="error">{te(errorKeyOf(error.code))}</Banner>}
      {hits.length > 0 && (
        <ul className="list" aria-busy={searching || undefined}>
          {hits.map((h) => {
            const body = (
              <span className="grow">
                <strong>{nameIn(lang, h)}</strong> <span className="pill">{labelOf(meta?.levels, h.level, lang)}</span>
                <br />
                <span className="sub">
                  {h.ancestors.map((a) => nameIn(lang, a)).join(' › ')}
                  {h.ancestors.length > 0 && ' · '}
                  {boothCount(h.booths)}
                </span>
              </span>
            );
            return (
              <li key={h.id}>
                {onPick ? (
                  <button type="button" className="row-button" onClick={() => onPick(h)}>
                    {body}
                  </button>
                ) : (
                  <Link href={`/units/${h.id}`}>
                    {body}
                    <span aria-hidden="true">›</span>
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
