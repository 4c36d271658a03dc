import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Card } from '../../ui/components.tsx';
import { deliveryMessages } from './delivery-messages.ts';
import type { DirectiveDelivery } from './types.ts';

type Topic = 'topic.directive.issued' | 'topic.directive.reminder' | 'topic.directive.overdue';
const CHANNELS = ['sms', 'push', 'telegram', 'email'] as const;
type ChannelKey = `channel.${(typeof CHANNELS)[number]}`;

/**
 * For the directive's issuer: how its messages outside the app went (the directive, its reminder, its overdue notice),
 * and the people no channel reached, with the reason, so someone can reach them another way.
 */
export function DeliveryCard({ directiveId }: { directiveId: number }) {
  const t = useT(deliveryMessages);
  const { lang } = useLang();
  const res = useFetch<DirectiveDelivery>(`/api/directives/${directiveId}/delivery`);
  const num = (n: number) => formatNumber(n, lang);
  // Channel names in the reader's language; one the app does not know yet shows as the server names it.
  const channelName = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? t(`channel.${c}` as ChannelKey) : c);
  const data = res.data;
  if (!data) return null;
  return (
    <Card title={t('title')} className="delivery">
      <p className="hint">{t('hint')}</p>
      {data.messages.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="list">
        {data.messages.map((m) => (
          <li key={m.topic}>
            <strong>{t(`topic.${m.topic}` as Topic)}</strong>{' '}
            {m.recipients !== null && <span className="sub">{t('recipients', { count: num(m.recipients) })}</span>}
            <p>{m.dispatchedAt === null ? t('notYet') : t('figures', { sent: num(m.sent), waiting: num(m.queued + m.sending), dead: num(m.dead) })}</p>
            {(m.silenced ?? 0) > 0 && <p className="hint">{t('silenced', { count: num(m.silenced ?? 0) })}</p>}
          </li>
        ))}
      </ul>
      {data.dead.length > 0 && (
        <>
          <h3>{t('failedTitle')}</h3>
          <p className="hint">{t('failedHint')}</p>
          <ul className="list dead-letters">
            {data.dead.map((d, i) => (
              <li key={`${d.person.id}-${d.channel}-${i}`}>
                <Link href={`/people/${d.person.id}`}>{d.person.name}</Link> ·{' '}
                {t('failed', { channel: channelName(d.channel), attempts: num(d.attempts), reason: d.reason ?? '' })}
              </li>
            ))}
          </ul>
          {data.truncated && <p className="hint">{t('truncated', { count: num(data.dead.length) })}</p>}
        </>
      )}
    </Card>
  );
}
