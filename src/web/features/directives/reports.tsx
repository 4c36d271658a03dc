import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Card } from '../../ui/components.tsx';
import { labelOf, type OrgMeta } from '../org/index.ts';
import { progressMessages } from './progress-messages.ts';
import { useRefreshOnChange } from './refresh.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Reports } from './types.ts';

const LIMIT = 50;
/** Re-read at most this often while the coverage moves: a new report also moves the "done" figures. */
const REFRESH_MS = 5_000;

/**
 * What the target units below reported back, newest first: the text, the link, the photo (a thumbnail that opens the
 * file), who sent it and when, and from which unit. Reports are seen up the tree.
 */
export function ReportList({
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
  const res = useFetch<Reports>(`/api/directives/${directiveId}/reports?unitId=${unitId}&limit=${LIMIT}`);
  useRefreshOnChange(changedAt, res.reload, REFRESH_MS);
  const items = res.data?.items ?? [];
  return (
    <Card title={t('reports')} className="reports">
      <p className="hint">{t('reportsHint')}</p>
      {res.data && items.length === 0 && <p className="muted">{t('reportsNone')}</p>}
      {items.length > 0 && (
        <ul className="list" aria-busy={res.loading || undefined}>
          {items.map((r) => {
            const unit = nameIn(lang, r.unit);
            return (
              <li key={r.unit.id} className="unit-report">
                <p className="unit-name">
                  <strong>{unit}</strong> <span className="pill">{labelOf(meta?.levels, r.unit.level, lang)}</span>
                </p>
                <p className="sub">{t('reportedBy', { name: r.reportedBy.name, time: formatWhen(r.reportedAt, lang) })}</p>
                <div className="report">
                  {r.photo && (
                    <a className="report-thumb" href={`/api/files/${r.photo.id}`} target="_blank" rel="noopener">
                      <img src={`/api/files/${r.photo.id}`} alt={t('reportPhotoAlt', { unit })} loading="lazy" />
                    </a>
                  )}
                  {r.text && <p className="report-text">{r.text}</p>}
                  {r.link && (
                    <p>
                      <a href={r.link} target="_blank" rel="noopener noreferrer">
                        {r.link}
                      </a>
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {res.data?.truncated && <p className="hint">{t('reportsTruncated', { count: formatNumber(items.length, lang) })}</p>}
    </Card>
  );
}
