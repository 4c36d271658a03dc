import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { holdsAnywhere } from '../../lib/permissions.ts';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, ScreenTitle, shellMessages } from '../shell/index.ts';
import { campaignMessages } from './messages.ts';
import { todayInIndia } from './plan-form.ts';
import { campaignState, formatDay, formatDays } from './progress-math.ts';
import type { CampaignListItem } from './types.ts';

/**
 * /campaigns — the campaigns that concern the person (planned in their area or above it, ended at most 30 days ago),
 * soonest first: title, unit, dates, whether it runs and which phase; a leader who may plan one gets the button.
 */
export function CampaignsPage() {
  const t = useT(campaignMessages);
  const ts = useT(shellMessages);
  const { me } = useSession();
  const meta = useOrgMeta();
  const res = useFetch<{ items: CampaignListItem[] }>('/api/campaigns');
  const canPlan = holdsAnywhere(me?.positions, meta?.roles, 'campaigns.manage');
  const today = todayInIndia();

  if (!res.data && res.error && !res.loading) return <LoadError error={res.error} onRetry={res.reload} />;
  return (
    <main>
      {res.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <ScreenTitle>{t('listTitle')}</ScreenTitle>
      <p className="hint">{t('listIntro')}</p>
      {canPlan && (
        <div className="actions">
          <Link className="button" href="/campaigns/new">
            {t('newCampaign')}
          </Link>
        </div>
      )}
      {!res.data ? (
        <p aria-busy="true">{ts('loading')}</p>
      ) : res.data.items.length === 0 ? (
        <Card>
          <p className="muted">{t('listEmpty')}</p>
        </Card>
      ) : (
        <ul className="list campaign-list card" aria-busy={res.loading || undefined}>
          {res.data.items.map((c) => (
            <CampaignItem key={c.id} campaign={c} today={today} />
          ))}
        </ul>
      )}
    </main>
  );
}

function CampaignItem({ campaign: c, today }: { campaign: CampaignListItem; today: string }) {
  const t = useT(campaignMessages);
  const { lang } = useLang();
  const title = pickLang(lang, c.titleHi, c.titleEn);
  const state = campaignState(c, today);
  return (
    <li className="campaign-item">
      <Link href={`/campaigns/${c.id}`}>
        <span className="grow">
          <span className="title" lang={title.lang}>
            {title.text}
          </span>
          <span className="sub">
            {t('byUnit', { unit: nameIn(lang, c.unit) })} · {formatDays(c.startsOn, c.endsOn, lang)}
          </span>
          <span className="badges">
            <span className={`badge state-${state}`}>{state === 'later' ? t('state_later', { date: formatDay(c.startsOn, lang) }) : t(`state_${state}`)}</span>
            <span className="badge">{c.phases === 1 ? t('phaseCountOne') : t('phaseCount', { count: formatNumber(c.phases, lang) })}</span>
          </span>
          {state === 'now' && <RunningPhase phase={c.currentPhase} />}
        </span>
        <span aria-hidden="true">›</span>
      </Link>
    </li>
  );
}

/** Which phase of a running campaign runs today (a campaign may be between phases). */
function RunningPhase({ phase: now }: { phase: CampaignListItem['currentPhase'] }) {
  const t = useT(campaignMessages);
  const { lang } = useLang();
  if (!now) return <span className="sub">{t('noRunningPhase')}</span>;
  const phase = pickLang(lang, now.titleHi, now.titleEn);
  return (
    <span className="sub running-phase">
      {t('runningPhase', { phase: phase.text })} · {formatDays(now.startsOn, now.endsOn, lang)}
    </span>
  );
}
