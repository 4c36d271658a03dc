import { useEffect, useMemo, useState } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card, Select } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { useCachedRead } from './cached-read.ts';
import { completeOf, completion, COVERAGE_SORTS, sortChildren, type CoverageSort } from './coverage-math.ts';
import { CoverageRow } from './coverage-row.tsx';
import { DeliveryCard } from './delivery-card.tsx';
import { LaggardList } from './laggards.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { ProgressBar } from './progress-bar.tsx';
import { progressMessages } from './progress-messages.ts';
import { ReportList } from './reports.tsx';
import { cacheKeys } from './store.ts';
import { pickLang } from '../../lib/text.ts';
import type { Directive, UnitDetail } from './types.ts';
import { useCoverageStream } from './use-coverage-stream.ts';

const SORT_LABELS = { overdue: 'sortOverdue', name: 'sortName', completion: 'sortCompletion' } as const;

/**
 * /directives/:id/coverage[/:unitId] — how far a directive has got below a unit: totals, one bar per unit below (tap to
 * go down, to the booths), the units still behind with whom to call, and (when a report is asked) what came back. The figures move by themselves as
 * acknowledgements arrive (server-sent events), and say so.
 */
export function DirectiveCoveragePage({ id, unitId }: { id: string; unitId?: string }) {
  const t = useT(progressMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const meta = useOrgMeta();
  const [sort, setSort] = useState<CoverageSort>('overdue');
  const directive = useCachedRead<Directive>(`/api/directives/${id}`, cacheKeys.directive(me?.person.id ?? 0, Number(id)));
  const coverage = useCoverageStream(id, unitId);
  // Where the unit sits, for the way back up (only below the top of the view).
  const unit = useFetch<UnitDetail>(unitId ? `/api/units/${unitId}` : null);
  const d = directive.data && String(directive.data.id) === id ? directive.data : undefined;
  const c = coverage.data;
  // "Sent" is said once: the address loses its ?sent, so a reload or a shared link does not say it again.
  const [justSent] = useState(() => new URLSearchParams(location.search).has('sent'));
  useEffect(() => {
    if (justSent) history.replaceState(history.state, '', location.pathname);
  }, [justSent]);
  const children = useMemo(() => (c && d ? sortChildren(c.children, sort, d.ask, lang) : []), [c, d, sort, lang]);

  if (!d || !c) {
    const error = coverage.error ?? directive.error;
    if (error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (error && !c && (coverage.error || !directive.loading)) return <LoadError error={error} onRetry={coverage.retry} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const title = pickLang(lang, d.titleHi, d.titleEn);
  const num = (n: number) => formatNumber(n, lang);
  const share = completion(d.ask, c.totals);
  const unitName = nameIn(lang, c.unit);
  // The chain above this unit, from the directive's unit (or the top of the person's area) down.
  const ancestors = unit.data?.ancestors ?? [];
  const from = ancestors.findIndex((a) => a.id === d.unit.id);
  const crumbs = unitId ? ancestors.slice(Math.max(0, from)) : [];

  return (
    <main>
      {coverage.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      {justSent && !unitId && <Banner kind="success">{t('issued')}</Banner>}
      <nav aria-label={t('crumbs')}>
        <ol className="crumbs">
          <li>
            <Link href={`/directives/${d.id}`}>‹ {t('openDirective')}</Link>
          </li>
          {crumbs.map((a) => (
            <li key={a.id}>
              <Link href={a.id === d.unit.id ? `/directives/${d.id}/coverage` : `/directives/${d.id}/coverage/${a.id}`}>{nameIn(lang, a)}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <ScreenTitle focusKey={`${d.id}-${c.unit.id}`}>{t('title', { title: title.text })}</ScreenTitle>
      <LiveIndicator live={coverage.live} at={c.at} />
      {coverage.error && (
        <Banner kind="error">
          {te(errorKeyOf(coverage.error.code))}{' '}
          <Button variant="secondary" onClick={coverage.retry}>
            {ts('retry')}
          </Button>
        </Banner>
      )}

      <section className="card totals" aria-label={t('totalsLabel', { name: unitName })}>
        <h2>{unitName}</h2>
        <p className="big">{t('complete', { percent: formatPercent(share, lang) })}</p>
        <ProgressBar
          ask={d.ask}
          progress={c.totals}
          label={t('barLabel', { name: unitName, complete: num(completeOf(d.ask, c.totals)), targets: num(c.totals.targets), overdue: num(c.totals.overdue) })}
        />
        <ul className="figures">
          <li>{c.totals.targets === 1 ? t('targetsOne') : t('targets', { count: num(c.totals.targets) })}</li>
          <li>{t('acked', { count: num(c.totals.acked) })}</li>
          {d.ask === 'report' && <li>{t('done', { count: num(c.totals.done) })}</li>}
          <li className={c.totals.overdue > 0 ? 'gap bad' : undefined}>{t('overdue', { count: num(c.totals.overdue) })}</li>
        </ul>
        <Legend report={d.ask === 'report'} />
        {!unitId && d.silenced > 0 && <p className="hint">{t('silenced', { count: num(d.silenced) })}</p>}
      </section>

      <div className="filters cov-sort">
        <Select label={t('sortBy')} value={sort} onChange={(e) => setSort(e.target.value as CoverageSort)}>
          {COVERAGE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(SORT_LABELS[s])}
            </option>
          ))}
        </Select>
      </div>
      <Card title={t('children')}>
        {children.length === 0 ? (
          <p className="muted">{t('noChildren')}</p>
        ) : (
          <ul className="list coverage-list">
            {children.map((child) => (
              <CoverageRow key={child.unit.id} directiveId={d.id} ask={d.ask} child={child} meta={meta} />
            ))}
          </ul>
        )}
      </Card>
      <LaggardList directiveId={d.id} unitId={c.unit.id} changedAt={c.at} meta={meta} />
      {!unitId && d.issuedBy.id === me?.person.id && <DeliveryCard directiveId={d.id} />}
      {d.ask === 'report' && <ReportList directiveId={d.id} unitId={c.unit.id} changedAt={c.at} meta={meta} />}
    </main>
  );
}

/** What the bar's colours mean, in words. */
function Legend({ report }: { report: boolean }) {
  const t = useT(progressMessages);
  return (
    <ul className="legend" aria-hidden="true">
      <li>
        <span className="swatch done" /> {report ? t('legendDone') : t('legendComplete')}
      </li>
      {report && (
        <li>
          <span className="swatch acked" /> {t('legendAcked')}
        </li>
      )}
      <li>
        <span className="swatch rest" /> {t('legendRest')}
      </li>
      <li>
        <span className="swatch overdue" /> {t('legendOverdue')}
      </li>
    </ul>
  );
}
