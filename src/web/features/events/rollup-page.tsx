import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Bar, Card } from '../../ui/components.tsx';
import { labelOf, useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { eventMessages } from './messages.ts';
import { heldShare, RollupRow, toneOf } from './rollup-row.tsx';
import type { EventDetail, EventRollup, UnitDetail } from './types.ts';
import { formatSpan } from './when.ts';

/**
 * /events/:id/rollup[/:unitId] — where an event held at every unit of a level took place, below a unit: totals, one bar
 * per unit below (tap to go down), and the places that have not held it yet, each a link to its page.
 */
export function EventRollupPage({ id, unitId }: { id: string; unitId?: string }) {
  const t = useT(eventMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  const event = useFetch<EventDetail>(`/api/events/${id}`);
  const rollup = useFetch<EventRollup>(`/api/events/${id}/rollup${unitId ? `?unitId=${unitId}` : ''}`);
  // Where the unit sits, for the way back up (only below the top of the view).
  const unit = useFetch<UnitDetail>(unitId ? `/api/units/${unitId}` : null);
  const e = event.data && String(event.data.id) === id ? event.data : undefined;
  const r = rollup.data;

  if (!e || !r) {
    const error = rollup.error ?? event.error;
    if (error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (error?.code === 'validation') return <NotFoundPage message={t('notRollup')} />;
    if (error && !(rollup.loading || event.loading)) return <LoadError error={error} onRetry={() => (event.reload(), rollup.reload())} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const title = pickLang(lang, e.titleHi, e.titleEn);
  const num = (n: number) => formatNumber(n, lang);
  const name = nameIn(lang, r.unit);
  const ancestors = unit.data?.ancestors ?? [];
  const from = ancestors.findIndex((a) => a.id === e.unit.id);
  const crumbs = unitId ? ancestors.slice(Math.max(0, from)) : [];
  return (
    <main className="event-rollup">
      {(rollup.fromCache || event.fromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <nav aria-label={t('rollupCrumbs')}>
        <ol className="crumbs">
          <li>
            <Link href={`/events/${e.id}`}>‹ {t('openEvent')}</Link>
          </li>
          {crumbs.map((a) => (
            <li key={a.id}>
              <Link href={a.id === e.unit.id ? `/events/${e.id}/rollup` : `/events/${e.id}/rollup/${a.id}`}>{nameIn(lang, a)}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <ScreenTitle focusKey={`${e.id}-${r.unit.id}`}>{t('rollupTitle', { title: title.text })}</ScreenTitle>
      <p className="sub">
        {t('atEvery', { level: labelOf(meta?.levels, e.holdAt, lang) })} · <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt, lang)}</time>
      </p>

      <section className="card totals" aria-label={t('totalsLabel', { name })}>
        <h2>{name}</h2>
        <p className="big">{t('heldOf', { held: num(r.totals.held), events: num(r.totals.events) })}</p>
        <Bar ratio={heldShare(r.totals)} tone={toneOf(r.totals)} label={t('barLabel', { name, held: num(r.totals.held), events: num(r.totals.events) })} />
        <p>{t('attendeesTotal', { count: num(r.totals.attendees) })}</p>
      </section>

      <Card title={t('children')}>
        {r.children.length === 0 ? (
          <p className="muted">{t('noChildren')}</p>
        ) : (
          <ul className="list coverage-list">
            {r.children.map((c) => (
              <RollupRow key={c.unit.id} eventId={e.id} row={c} drill={c.unit.level !== e.holdAt} meta={meta} />
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('notHeld')}>
        {r.notHeld.length === 0 ? (
          <p className="muted">{t('notHeldNone')}</p>
        ) : (
          <ul className="list not-held">
            {r.notHeld.map((n) => (
              <li key={n.id}>
                <Link href={`/events/${n.id}`}>
                  <span className="grow">
                    <strong>{nameIn(lang, n.unit)}</strong> <span className="sub">{labelOf(meta?.levels, n.unit.level, lang)}</span>
                  </span>
                  <span aria-hidden="true">›</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {r.truncated && <p className="hint">{t('notHeldMore', { count: num(r.notHeld.length) })}</p>}
      </Card>
    </main>
  );
}
