import { useLang, useT } from '../../lib/i18n.tsx';
import { Card } from '../../ui/components.tsx';
import { eventMessages } from './messages.ts';
import type { EventDetail } from './types.ts';
import { formatSpan, sessionsByDay, sessionTime } from './when.ts';

/**
 * What an event is: when and where (at every unit of `heldAt`, a level's name, when fanned out; or the video link), what it
 * is about, its programme (by day when it runs over several) and people, and its record.
 */
export function EventDetails({ event: e, heldAt }: { event: EventDetail; heldAt: string }) {
  const t = useT(eventMessages);
  const { lang } = useLang();
  const people = (
    [
      ['chair', e.chair],
      ['conductor', e.conductor],
      ['chiefGuest', e.chiefGuest],
    ] as const
  ).filter(([, name]) => name);
  return (
    <>
      <section className="card when-where" aria-label={`${t('when')} · ${t('where')}`}>
        <dl>
          <dt>{t('when')}</dt>
          <dd>
            <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt, lang)}</time>
          </dd>
          <dt>{t('where')}</dt>
          <dd>{e.holdAt ? t('atEvery', { level: heldAt }) : (e.venue ?? (e.videoUrl ? t('videoMeeting') : t('venueLater')))}</dd>
        </dl>
        {e.videoUrl && !e.cancelled && (
          <div className="actions">
            <a className="button" href={e.videoUrl} target="_blank" rel="noopener noreferrer">
              {t('joinVideo')}
            </a>
          </div>
        )}
      </section>
      {e.description && (
        <Card title={t('details')}>
          <p className="event-text">{e.description}</p>
        </Card>
      )}
      {e.sessions.length > 0 && (
        <Card title={t('programme')}>
          {sessionsByDay(e.sessions, lang).map((group, g) => (
            <section key={g} className="session-day" aria-label={group.day ?? undefined}>
              {group.day && <h3>{group.day}</h3>}
              <ol className="sessions-list">
                {group.sessions.map((s, i) => (
                  <li key={i}>
                    <strong>{s.title}</strong>
                    {s.startsAt && (
                      <span className="sub">
                        {' '}
                        · <time dateTime={s.startsAt}>{sessionTime(s, lang, !group.day)}</time>
                      </span>
                    )}
                    {s.speaker && <span className="sub block">{t('sessionBy', { name: s.speaker })}</span>}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </Card>
      )}
      {people.length > 0 && (
        <Card title={t('people')}>
          <dl className="people">
            {people.map(([key, name]) => (
              <div key={key}>
                <dt>{t(key)}</dt>
                <dd>{name}</dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
      {e.minutes && (
        <Card title={t('minutes')}>
          <p className="event-text">{e.minutes}</p>
        </Card>
      )}
      {e.photos.length > 0 && (
        <Card title={t('photos')}>
          <ul className="event-photos">
            {e.photos.map((f) => (
              <li key={f.id}>
                <a href={`/api/files/${f.id}`} target="_blank" rel="noopener">
                  <img src={`/api/files/${f.id}`} alt={t('photoAlt', { name: f.name })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
