import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button } from '../../ui/components.tsx';
import { eventMessages } from './messages.ts';
import { RSVP_ANSWERS, type EventDetail, type RsvpAnswer } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/** "Will you come?": yes, no or maybe, the chosen one pressed; answering again replaces the answer. */
export function RsvpButtons({ event: e, onAnswered }: { event: EventDetail; onAnswered(next: EventDetail): void }) {
  const t = useT(eventMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const request = useRequest(toError);
  const answer = async (a: RsvpAnswer) => {
    const r = await request.run(() => api<EventDetail>('PUT', `/api/events/${e.id}/rsvp`, { answer: a }));
    if (r.ok) onAnswered(r.value.data);
  };
  const n = (x: number) => formatNumber(x, lang);
  return (
    <section className="card rsvp" aria-labelledby="rsvp-question">
      <h2 id="rsvp-question">{t('rsvpQuestion')}</h2>
      <div className="actions rsvp-buttons">
        {RSVP_ANSWERS.map((a) => (
          <Button
            key={a}
            variant={e.myRsvp === a ? 'primary' : 'secondary'}
            aria-pressed={e.myRsvp === a}
            disabled={request.busy || !online}
            onClick={() => void answer(a)}
          >
            {e.myRsvp === a && <span aria-hidden="true">✓ </span>}
            {t(`rsvp_${a}`)}
          </Button>
        ))}
      </div>
      <p className="hint">{t('rsvpCounts', { yes: n(e.rsvps.yes), no: n(e.rsvps.no), maybe: n(e.rsvps.maybe) })}</p>
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </section>
  );
}
