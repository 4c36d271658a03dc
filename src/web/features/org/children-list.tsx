import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { sortByName } from '../../lib/collate.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { useBoothCount } from './booth-count.ts';
import { labelOf, type OrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import type { Unit, UnitChildren } from './types.ts';

/** A page of children: small enough for 2G, the rest behind "show more". */
export const PAGE_SIZE = 50;

/** The units directly below one unit with their levels and booth counts; each opens that unit. */
export function ChildrenList({ unitId, meta, onFromCache }: { unitId: number; meta: OrgMeta | undefined; onFromCache(): void }) {
  const t = useT(orgMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const boothCount = useBoothCount();
  // The server pages in the reader's order (Hindi names by code point); a complete list is sorted here by the
  // browser's Hindi collation, which also places conjuncts and nukta letters where a reader looks for them.
  const first = useFetch<UnitChildren>(`/api/units/${unitId}/children?limit=${PAGE_SIZE}&lang=${lang}`);
  const [more, setMore] = useState<{ items: Unit[]; nextCursor: string | null }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();
  const firstNew = useRef<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Pages fetched in the other language's order do not continue this one.
  useEffect(() => setMore(undefined), [lang]);

  useEffect(() => {
    if (first.fromCache) onFromCache();
  }, [first.fromCache, onFromCache]);

  // After "show more", focus moves to the first unit that came in, so keyboard and screen-reader users carry on there.
  useEffect(() => {
    if (firstNew.current === null) return;
    listRef.current?.querySelectorAll('a')[firstNew.current]?.focus();
    firstNew.current = null;
  }, [more]);

  const cursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const fetched = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const items = cursor ? fetched : sortByName(fetched, lang, (u) => nameIn(lang, u));

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const r = await api<UnitChildren>('GET', `/api/units/${unitId}/children?limit=${PAGE_SIZE}&lang=${lang}&cursor=${encodeURIComponent(cursor)}`);
      if (r.fromCache) onFromCache();
      firstNew.current = items.length;
      setMore({ items: [...(more?.items ?? []), ...r.data.items], nextCursor: r.data.nextCursor });
    } catch (e) {
      setMoreError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));
    } finally {
      setLoadingMore(false);
    }
  }

  const errorText = (e: ApiError) => te(errorKeyOf(e.code));
  return (
    <Card title={t('children')}>
      {first.error && !first.data && <Banner kind="error">{errorText(first.error)}</Banner>}
      {first.loading && !first.data && <p aria-busy="true">{t('loadingMore')}</p>}
      {first.data && items.length === 0 && <p className="muted">{t('noChildren')}</p>}
      {items.length > 0 && (
        <ul className="list" ref={listRef}>
          {items.map((u) => (
            <li key={u.id}>
              <Link href={`/units/${u.id}`}>
                <span className="grow">
                  <strong>{nameIn(lang, u)}</strong>
                  <br />
                  <span className="sub">
                    {labelOf(meta?.levels, u.level, lang)} · {boothCount(u.booths)}
                  </span>
                </span>
                <span aria-hidden="true">›</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {moreError && <Banner kind="error">{errorText(moreError)}</Banner>}
      {cursor && (
        <div className="actions">
          <Button variant="secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? t('loadingMore') : t('loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
