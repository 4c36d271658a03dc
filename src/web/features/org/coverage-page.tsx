import { useMemo, useState } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Bar, Button, Card, Select } from '../../ui/components.tsx';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { useBoothCount } from './booth-count.ts';
import { coveragePath, coverageTotals, ratioOf, sortCoverage, toneOf, type SortKey, type SortOrder } from './coverage.ts';
import { Crumbs } from './crumbs.tsx';
import { labelOf, roleLabel, useOrgMeta } from './meta.ts';
import { coverageMessages, orgMessages } from './messages.ts';
import type { Coverage, UnitDetail } from './types.ts';

/**
 * Coverage at /units/:id/coverage: for each unit below, how many of its booths have a convener, as a bar, with the
 * biggest gaps first by default; narrowed to one department if asked. Each child opens its own coverage.
 */
export function CoveragePage({ id }: { id: string }) {
  const t = useT(coverageMessages);
  const to = useT(orgMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  const boothCount = useBoothCount();
  const [department, setDepartment] = useState('');
  const [key, setKey] = useState<SortKey>('ratio');
  const [order, setOrder] = useState<SortOrder>('asc');
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const coverage = useFetch<Coverage>(coveragePath(id, department));
  const items = useMemo(() => sortCoverage(coverage.data?.items ?? [], key, order, lang), [coverage.data, key, order, lang]);
  const totals = coverageTotals(coverage.data?.items ?? [], coverage.data?.unit);

  const u = unit.data;
  if (!u) {
    if (unit.error?.code === 'not_found') return <NotFoundPage message={to('notFound')} />;
    if (unit.error && !unit.loading) return <LoadError error={unit.error} onRetry={unit.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  // Inside an English sentence a role without a department reads "a convener", not "a Convener".
  const roleName = roleLabel(meta, coverage.data?.role ?? 'convener', department || null, lang);
  const role = lang === 'en' && !department ? roleName.toLowerCase() : roleName;
  const pct = (r: number) => formatPercent(r, lang);
  const num = (n: number) => formatNumber(n, lang);
  const coverageError = coverage.error && !coverage.loading ? coverage.error : undefined;

  return (
    <main>
      {(unit.fromCache || coverage.fromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <Crumbs ancestors={u.ancestors} hrefOf={(a) => `/units/${a}/coverage`} />
      <ScreenTitle focusKey={u.id}>{t('title', { name: nameIn(lang, u) })}</ScreenTitle>
      <div className="unit-meta">
        <span className="pill">{labelOf(meta?.levels, u.level, lang)}</span>
        <span>{boothCount(u.booths, true)}</span>
        <Link className="button secondary coverage-link" href={`/units/${u.id}`}>
          {t('openUnit')}
        </Link>
      </div>

      {coverageError && (
        <>
          <Banner kind="error">{te(errorKeyOf(coverageError.code))}</Banner>
          <div className="actions">
            <Button variant="secondary" onClick={coverage.reload}>
              {ts('retry')}
            </Button>
          </div>
        </>
      )}

      {coverage.data && (
        <section className="card totals" aria-label={t('coverageOf', { name: nameIn(lang, u) })} aria-busy={coverage.loading || undefined}>
          <p className="big">{pct(totals.ratio)}</p>
          <p>{t('total', { role, covered: num(totals.covered), booths: num(totals.booths) })}</p>
          <Bar
            ratio={totals.ratio}
            tone={toneOf(totals.ratio)}
            label={t('barLabel', { name: nameIn(lang, u), covered: num(totals.covered), booths: num(totals.booths), percent: pct(totals.ratio) })}
          />
          <p className="hint">{t('intro', { role })}</p>
        </section>
      )}

      <div className="filters">
        <Select label={t('department')} value={department} onChange={(e) => setDepartment(e.target.value)}>
          <option value="">{t('allDepartments')}</option>
          {meta?.departments.map((d) => (
            <option key={d.code} value={d.code}>
              {nameIn(lang, d)}
            </option>
          ))}
        </Select>
        <Select label={t('sortBy')} value={key} onChange={(e) => setKey(e.target.value as SortKey)}>
          <option value="ratio">{t('sortRatio')}</option>
          <option value="name">{t('sortName')}</option>
          <option value="booths">{t('sortBooths')}</option>
        </Select>
        <Select label={t('order')} value={order} onChange={(e) => setOrder(e.target.value as SortOrder)}>
          <option value="asc">{key === 'name' ? t('ascName') : t('ascLow')}</option>
          <option value="desc">{key === 'name' ? t('descName') : t('descHigh')}</option>
        </Select>
      </div>

      {coverage.data && (
        <Card title={to('children')}>
          {items.length === 0 ? (
            <p className="muted">{t('noChildren')}</p>
          ) : (
            <ul className="list coverage-list" aria-busy={coverage.loading || undefined}>
              {items.map((c) => {
                const name = nameIn(lang, c);
                const gap = c.booths - c.covered;
                const ratio = ratioOf(c);
                return (
                  <li key={c.id}>
                    <Link className="cov-name" href={`/units/${c.id}/coverage`}>
                      <span className="grow">
                        <strong>{name}</strong> <span className="sub">{labelOf(meta?.levels, c.level, lang)}</span>
                      </span>
                      <span aria-hidden="true">›</span>
                    </Link>
                    <div className="cov-figures">
                      <span>
                        {t('row', { covered: num(c.covered), booths: num(c.booths) })} · <strong>{pct(ratio)}</strong>
                      </span>
                      <span className={gap > 0 ? `gap ${toneOf(ratio)}` : 'gap good'}>{gap > 0 ? t('gap', { gap: num(gap) }) : t('full')}</span>
                    </div>
                    <Bar
                      ratio={ratio}
                      tone={toneOf(ratio)}
                      label={t('barLabel', { name, covered: num(c.covered), booths: num(c.booths), percent: pct(ratio) })}
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      )}
    </main>
  );
}
