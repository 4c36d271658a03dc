import { useEffect, useState } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner } from '../../ui/components.tsx';
import { labelOf, useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { EventBadges } from './event-badges.tsx';
import { EventDetails } from './event-details.tsx';
import { formMessages } from './form-messages.ts';
import { ManageEvent } from './manage-event.tsx';
import { eventMessages } from './messages.ts';
import { RsvpButtons } from './rsvp.tsx';
import type { EventDetail } from './types.ts';

/**
 * /events/:id — one event: what, when, where (or the video link), the programme and its people, the person's answer
 * and whether they are marked present. For those who run it: venue and link, the check-in QR, the roll call, walk-ins,
 * the record and cancelling; for one held at every unit of a level, where it was held.
 */
export function EventPage({ id }: { id: string }) {
  const t = useT(eventMessages);
  const tf = useT(formMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  const res = useFetch<EventDetail>(`/api/events/${id}`);
  const [answer, setAnswer] = useState<EventDetail>();
  // "Created" is said once: the address loses its ?created, so a reload or a shared link does not say it again.
  const [justCreated] = useState(() => new URLSearchParams(location.search).has('created'));
  useEffect(() => {
    if (justCreated) history.replaceState(history.state, '', location.pathname);
  }, [justCreated]);
  // A change answered with the event (RSVP, venue, record, cancel) shows at once; a later read replaces it.
  useEffect(() => setAnswer(undefined), [res.data]);
  const e = answer ?? (res.data && String(res.data.id) === id ? res.data : undefined);

  if (!e) {
    if (res.error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (res.error && !res.loading) return <LoadError error={res.error} onRetry={res.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const title = pickLang(lang, e.titleHi, e.titleEn);
  const level = e.holdAt ? labelOf(meta?.levels, e.holdAt, lang) : '';
  return (
    <main className="event">
      {res.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      {justCreated && <Banner kind="success">{e.children > 0 ? tf('createdEvery', { count: formatNumber(e.children, lang) }) : tf('created')}</Banner>}
      <nav aria-label={t('backNav')}>
        <ol className="crumbs">
          <li>
            <Link href="/events">‹ {t('back')}</Link>
          </li>
        </ol>
      </nav>
      <p className="event-kind">{nameIn(lang, e.kind)}</p>
      <ScreenTitle focusKey={e.id} lang={title.lang === lang ? undefined : title.lang}>
        {title.text}
      </ScreenTitle>
      <p className="sub">{t('byUnit', { unit: nameIn(lang, e.unit), name: e.createdBy.name })}</p>
      <EventBadges event={e} present={e.present} />
      {e.cancelled && <Banner kind="error">{t('cancelledNote')}</Banner>}

      {e.holdAt && (
        <section className="card" aria-label={t('seeRollup', { level })}>
          <p>{t('heldAtEvery', { level, unit: nameIn(lang, e.unit), count: formatNumber(e.children, lang) })}</p>
          <div className="actions">
            <Link className="button" href={`/events/${e.id}/rollup`}>
              {t('seeRollup', { level })}
            </Link>
          </div>
        </section>
      )}

      <EventDetails event={e} heldAt={level} />
      {/* Asked only of those invited, before it ends (the server refuses the rest too). */}
      {e.canRsvp && <RsvpButtons event={e} onAnswered={setAnswer} />}
      {e.canManage && <ManageEvent event={e} onChanged={setAnswer} onReload={res.reload} />}
    </main>
  );
}
