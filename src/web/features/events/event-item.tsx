import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { labelOf, type OrgMeta } from '../org/index.ts';
import { EventBadges } from './event-badges.tsx';
import { eventMessages } from './messages.ts';
import type { EventListItem } from './types.ts';
import { formatSpan } from './when.ts';

/** One event in the list: kind and title, the unit, when, where (or by video), the person's answer and how it went. */
export function EventItem({ event: e, meta }: { event: EventListItem; meta: OrgMeta | undefined }) {
  const t = useT(eventMessages);
  const { lang } = useLang();
  const title = pickLang(lang, e.titleHi, e.titleEn);
  const where = e.holdAt ? t('atEvery', { level: labelOf(meta?.levels, e.holdAt, lang) }) : (e.venue ?? (e.videoUrl ? t('videoMeeting') : null));
  return (
    <li className={e.cancelled ? 'event-item cancelled' : 'event-item'}>
      <Link href={`/events/${e.id}`}>
        <span className="grow">
          <span className="event-kind">{nameIn(lang, e.kind)}</span>
          <span className="title" lang={title.lang === lang ? undefined : title.lang}>
            {title.text}
          </span>
          <span className="sub">
            {nameIn(lang, e.unit)} · <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt, lang)}</time>
          </span>
          {where && <span className="sub">{where}</span>}
          <EventBadges event={e} />
        </span>
        <span aria-hidden="true">›</span>
      </Link>
    </li>
  );
}
