import { useMemo } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { formatWhen } from '../../lib/time.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Card } from '../../ui/components.tsx';
import {
  newestDirective,
  phaseFigure,
  runningCampaign,
  upcoming,
  weekWindow,
  type CampaignList,
  type CampaignProgress,
  type EventListItem,
  type Inbox,
} from './figures.ts';
import { homeMessages } from './messages.ts';

/** One figure: what it counts, the number, a line of detail, and the screen behind it. */
function Figure({ href, label, value, detail }: { href: string; label: string; value: string; detail?: string }) {
  return (
    <li>
      <Link href={href} className="figure">
        <span className="grow">
          <span className="sub">{label}</span>
          <br />
          <strong className="figure-value">{value}</strong>
          {detail && (
            <>
              <br />
              <span className="sub">{detail}</span>
            </>
          )}
        </span>
        <span aria-hidden="true">›</span>
      </Link>
    </li>
  );
}

/**
 * A leader's area at a glance, after what needs them: the newest directive they follow and how far it got, their
 * events this week, and the campaign running today. Each is a link to its screen, and each comes from a read that
 * screen makes anyway (cheap at any level: the newest 100 directives with counters, a week of one person's events,
 * a campaign's progress read from its kept sums).
 */
export function TurfFigures() {
  const t = useT(homeMessages);
  const { lang } = useLang();
  const num = (n: number) => formatNumber(n, lang);
  const week = useMemo(() => weekWindow(), []);
  const sent = useFetch<Inbox>('/api/directives?view=sent');
  const events = useFetch<{ items: EventListItem[] }>(`/api/events?view=mine&from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}`);
  const campaigns = useFetch<CampaignList>('/api/campaigns');
  const campaign = runningCampaign(campaigns.data);
  const progress = useFetch<CampaignProgress>(campaign ? `/api/campaigns/${campaign.id}/progress` : null);

  const directive = newestDirective(sent.data);
  const coming = upcoming(events.data?.items);
  const activity = phaseFigure(progress.data, campaign?.currentPhase?.id);
  const title = (x: { titleHi: string | null; titleEn: string | null }) => pickLang(lang, x.titleHi, x.titleEn).text;
  return (
    <Card title={t('figures')}>
      <ul className="list figures-home" aria-busy={sent.loading || events.loading || campaigns.loading || undefined}>
        {sent.data &&
          (directive ? (
            <Figure
              href={`/directives/${directive.id}/coverage`}
              label={t('figDirective')}
              value={t('figDirectiveValue', { complete: num(directive.complete), targets: num(directive.targets) })}
              detail={title(directive)}
            />
          ) : (
            <Figure href="/directives" label={t('figDirective')} value={t('figDirectiveNone')} />
          ))}
        {events.data && (
          <Figure
            href="/events"
            label={t('figEvents')}
            value={num(coming.length)}
            detail={coming[0] ? t('figEventsNext', { title: title(coming[0]), time: formatWhen(coming[0].startsAt, lang) }) : undefined}
          />
        )}
        {campaigns.data &&
          (campaign ? (
            <Figure
              href={`/campaigns/${campaign.id}`}
              label={t('figCampaign', { title: title(campaign) })}
              value={activity ? t('figCampaignValue', { achieved: num(activity.achieved), target: num(activity.target) }) : title(campaign.currentPhase!)}
              detail={activity ? title(activity.activity) : undefined}
            />
          ) : (
            <Figure href="/campaigns" label={t('figCampaignLabel')} value={t('figCampaignNone')} />
          ))}
      </ul>
    </Card>
  );
}
