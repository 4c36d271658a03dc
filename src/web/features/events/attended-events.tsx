import { defineMessages } from '../../lib/define-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Card } from '../../ui/components.tsx';
import { runMessages } from './run-messages.ts';
import type { PersonAttendance } from './types.ts';
import { formatSpan } from './when.ts';

const attendedMessages = defineMessages({
  en: {
    title: 'Events attended',
    none: 'No attendance recorded yet.',
    loadFailed: 'The events could not be loaded.',
  },
  hi: {
    title: 'कार्यक्रमों में उपस्थिति',
    none: 'अभी किसी कार्यक्रम में उपस्थिति दर्ज नहीं है।',
    loadFailed: 'कार्यक्रम लोड नहीं हो सके।',
  },
});

/** On a person's record: the events they were marked present at, newest first, and how (QR, roll call, walk-in). */
export function AttendedEvents({ personId }: { personId: number }) {
  const t = useT(attendedMessages);
  const tr = useT(runMessages);
  const { lang } = useLang();
  const res = useFetch<PersonAttendance>(`/api/people/${personId}/events`);
  return (
    <Card title={t('title')}>
      {res.error ? (
        <p className="muted">{t('loadFailed')}</p>
      ) : !res.data ? null : res.data.items.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="list">
          {res.data.items.map(({ event: e, method }) => {
            const title = pickLang(lang, e.titleHi, e.titleEn);
            return (
              <li key={e.id}>
                <Link href={`/events/${e.id}`}>
                  <span className="grow">
                    <span lang={title.lang === lang ? undefined : title.lang}>{title.text}</span>
                    <br />
                    <span className="sub">
                      {nameIn(lang, e.kind)} · {nameIn(lang, e.unit)} · <time dateTime={e.startsAt}>{formatSpan(e.startsAt, e.endsAt, lang)}</time> ·{' '}
                      {tr(`method_${method}`)}
                    </span>
                  </span>
                  <span aria-hidden="true">›</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
