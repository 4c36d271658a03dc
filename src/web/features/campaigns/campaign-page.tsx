import { useCallback, useEffect, useState } from 'react';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { holdsAt } from '../../lib/permissions.ts';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { ActivityProgressCard } from './activity-progress.tsx';
import { campaignMessages } from './messages.ts';
import { todayInIndia } from './plan-form.ts';
import { dueShare, formatDays } from './progress-math.ts';
import { Timeline } from './timeline.tsx';
import type { Campaign, CampaignProgress, EventKind, UnitDetail } from './types.ts';

/** How often the figures are read again while the page is open and nobody is typing into it. */
const REFRESH_MS = 15_000;

/** Calls `fn` every `ms` while the page is visible and not `paused`. */
function useEvery(fn: () => void, ms: number, paused: boolean) {
  useEffect(() => {
    if (paused) return;
    const handle = setInterval(() => {
      if (document.visibilityState === 'visible') fn();
    }, ms);
    return () => clearInterval(handle);
  }, [fn, ms, paused]);
}

/**
 * /campaigns/:id[/units/:unitId] — a campaign: its phases on a timeline with today marked, then the progress at a unit
 * (the campaign's, or the top of the person's area under it), phase by phase and activity by activity, each with the
 * units below, the furthest behind first, each opening the same view one level down. The figures are read again every
 * few seconds; leaders adjust targets and units report figures in place.
 */
export function CampaignPage({ id, unitId }: { id: string; unitId?: string }) {
  const t = useT(campaignMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const meta = useOrgMeta();
  const [today] = useState(() => todayInIndia());
  const campaign = useFetch<Campaign>(`/api/campaigns/${id}`);
  const progress = useFetch<CampaignProgress>(`/api/campaigns/${id}/progress${unitId ? `?unitId=${unitId}` : ''}`);
  const kinds = useFetch<{ items: EventKind[] }>('/api/event-kinds');
  const at = progress.data?.unit.id;
  // Where the unit sits: for the way back up and for who may adjust the targets below it.
  const unit = useFetch<UnitDetail>(at ? `/api/units/${at}` : null);
  const [editing, setEditing] = useState<ReadonlySet<number>>(new Set());
  const { reload } = progress;
  useEvery(reload, REFRESH_MS, editing.size > 0);
  const onEditing = useCallback(
    (activityId: number, on: boolean) =>
      setEditing((now) => {
        const next = new Set(now);
        if (on) next.add(activityId);
        else next.delete(activityId);
        return next;
      }),
    [],
  );
  // "Planned" is said once: the address loses its ?planned, so a reload or a shared link does not say it again.
  const [justPlanned] = useState(() => new URLSearchParams(location.search).has('planned'));
  useEffect(() => {
    if (justPlanned) history.replaceState(history.state, '', location.pathname);
  }, [justPlanned]);

  const c = campaign.data;
  const pr = progress.data;
  if (!c || !pr) {
    const error = campaign.error ?? progress.error;
    if (error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (error) return <LoadError error={error} onRetry={error === campaign.error ? campaign.reload : progress.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const title = pickLang(lang, c.titleHi, c.titleEn);
  const unitName = nameIn(lang, pr.unit);
  const detail = unit.data && unit.data.id === pr.unit.id ? unit.data : undefined;
  // The chain above this unit, from the campaign's unit (or the top of the person's area) down.
  const ancestors = detail?.ancestors ?? [];
  const from = ancestors.findIndex((a) => a.id === c.unit.id);
  const crumbs = unitId ? ancestors.slice(Math.max(0, from)) : [];
  const chain = detail ? [{ id: detail.id }, ...detail.ancestors] : [];
  const canAdjust = (childId: number) =>
    c.canManage && Boolean(detail) && holdsAt(me?.positions, meta?.roles, { id: childId, ancestors: chain }, 'campaigns.manage');
  const open = !c.cancelled;

  return (
    <main className="campaign">
      {progress.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      {justPlanned && !unitId && <Banner kind="success">{t('planned')}</Banner>}
      <nav aria-label={t('crumbs')}>
        <ol className="crumbs">
          <li>
            <Link href="/campaigns">‹ {t('allCampaigns')}</Link>
          </li>
          {crumbs.map((a) => (
            <li key={a.id}>
              <Link href={a.id === c.unit.id ? `/campaigns/${c.id}` : `/campaigns/${c.id}/units/${a.id}`}>{nameIn(lang, a)}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <ScreenTitle focusKey={`${c.id}-${pr.unit.id}`} lang={title.lang === lang ? undefined : title.lang}>
        {title.text}
      </ScreenTitle>
      <p className="campaign-meta">
        {t('byUnit', { unit: nameIn(lang, c.unit) })} · {formatDays(c.startsOn, c.endsOn, lang)}
      </p>
      {c.cancelled && <Banner kind="error">{t('cancelledNote')}</Banner>}
      {c.description && !unitId && (
        <details className="about">
          <summary>{t('about')}</summary>
          <p className="description">{c.description}</p>
        </details>
      )}
      {!unitId && <Timeline phases={c.phases} today={today} />}

      <h2>{t('progressAt', { name: unitName })}</h2>
      <p className="hint">{t('progressHint')}</p>
      {pr.activities.length === 0 && <p className="muted">{t('noActivities')}</p>}
      {c.phases.map((phase) => {
        const entries = pr.activities.filter((a) => a.phaseId === phase.id);
        if (entries.length === 0) return null;
        const phaseTitle = pickLang(lang, phase.titleHi, phase.titleEn);
        const share = dueShare(phase, today);
        return (
          <section key={phase.id} className={`phase-progress ${phase.state}`} aria-label={phaseTitle.text}>
            <h3 className="phase-heading">
              <span className={`badge phase-${phase.state}`}>{t(`phase_${phase.state}`)}</span>{' '}
              <span lang={phaseTitle.lang}>{t('phaseHeading', { phase: phaseTitle.text, days: formatDays(phase.startsOn, phase.endsOn, lang) })}</span>
            </h3>
            {entries.map((entry) => (
              <ActivityProgressCard
                key={entry.activity.id}
                campaignId={c.id}
                entry={entry}
                unit={pr.unit}
                share={share}
                phaseState={phase.state}
                kinds={kinds.data?.items ?? []}
                meta={meta}
                canAdjust={canAdjust}
                open={open}
                onSaved={reload}
                onEditing={(on) => onEditing(entry.activity.id, on)}
              />
            ))}
          </section>
        );
      })}
    </main>
  );
}
