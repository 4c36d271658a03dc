import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Card } from '../../ui/components.tsx';
import { labelOf, roleLabel, type OrgMeta } from '../org/index.ts';
import { progressMessages } from './progress-messages.ts';
import { useRefreshOnChange } from './refresh.ts';
import type { Laggards } from './types.ts';

const LIMIT = 100;
/** Re-read at most this often while acknowledgements stream in: the list is for calling people, not for watching. */
const REFRESH_MS = 3_000;

/**
 * The target units below that are not complete, with who holds a position there (name, role, masked number), so a
 * leader knows whom to call; each name opens the person's page, where a number can be revealed if the role allows.
 * Units with nobody to call are folded into one line, so the people to call are not lost among empty booths.
 */
export function LaggardList({
  directiveId,
  unitId,
  changedAt,
  meta,
}: {
  directiveId: number;
  unitId: number;
  changedAt: string | undefined;
  meta: OrgMeta | undefined;
}) {
  const t = useT(progressMessages);
  const { lang } = useLang();
  const res = useFetch<Laggards>(`/api/directives/${directiveId}/laggards?unitId=${unitId}&limit=${LIMIT}`);
  useRefreshOnChange(changedAt, res.reload, REFRESH_MS);

  const items = res.data?.items ?? [];
  const staffed = items.filter((l) => l.holders.length > 0);
  const empty = items.filter((l) => l.holders.length === 0);
  const num = (n: number) => formatNumber(n, lang);
  return (
    <Card title={t('laggards')} className="laggards">
      <p className="hint">{t('laggardsHint')}</p>
      {res.data && items.length === 0 && <p className="muted">{t('laggardsNone')}</p>}
      {staffed.length > 0 && (
        <ul className="list" aria-busy={res.loading || undefined}>
          {staffed.map((l) => (
            <li key={l.unit.id} className="laggard">
              <p className="unit-name">
                <strong>{nameIn(lang, l.unit)}</strong> <span className="pill">{labelOf(meta?.levels, l.unit.level, lang)}</span>{' '}
                <span className={l.acked ? 'badge due' : 'badge overdue'}>{l.acked ? t('laggardAcked') : t('laggardNotAcked')}</span>
              </p>
              <ul className="holders">
                {l.holders.map((h) => (
                  <li key={`${h.id}-${h.role}`}>
                    <Link href={`/people/${h.id}`}>{h.name}</Link> · <span>{roleLabel(meta, h.role, null, lang)}</span>
                    {h.phone && (
                      <>
                        {' · '}
                        <span className="phone">{h.phone}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {empty.length > 0 && (
        <details className="nobody">
          <summary>{t('laggardsEmpty', { count: num(empty.length) })}</summary>
          <p className="sub">{empty.map((l) => nameIn(lang, l.unit)).join(' · ')}</p>
        </details>
      )}
      {res.data?.truncated && <p className="hint">{t('laggardsTruncated', { count: num(items.length) })}</p>}
    </Card>
  );
}
