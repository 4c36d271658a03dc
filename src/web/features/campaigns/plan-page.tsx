import { Suspense, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { newClientKey } from '../../lib/client-key.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { holdsAnywhere, holdsAt, unitsAllowing } from '../../lib/permissions.ts';
import { hasNavigated, navigate } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { FormActions } from '../../ui/form-actions.tsx';
import { TextArea } from '../../ui/text-area.tsx';
import { Banner, Button, Card, Field } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { UnitChoice, useOrgMeta, type SearchHit } from '../org/index.ts';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { PhaseFields } from './phase-fields.tsx';
import {
  checkPlan,
  defaultTargetLevel,
  fieldsOfError,
  LIMITS,
  newActivity,
  newPhase,
  targetLevels,
  todayInIndia,
  type ActivityDraft,
  type PhaseDraft,
  type PlanDraft,
  type PlanField,
} from './plan-form.ts';
import { planMessages } from './plan-messages.ts';
import type { Campaign, DirectiveSummary, EventKind, UnitRef } from './types.ts';

const PERMISSION = 'campaigns.manage';

/**
 * /campaigns/new — planning a campaign: whose it is (a unit where the person may plan), its titles and description,
 * its phases in date order, and each phase's activities with what is counted and the target at a level. Checked here
 * as the server checks it; the clientKey is made once, so a double tap or a retry after a lost answer is one campaign.
 */
export function PlanCampaignPage() {
  const t = useT(planMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const [clientKey] = useState(newClientKey);
  const [today] = useState(() => todayInIndia());
  const [draft, setDraft] = useState<PlanDraft>(() => ({ unit: null, titleHi: '', titleEn: '', description: '', phases: [newPhase(undefined, '', today)] }));
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<{ code: ErrorKey; fields: ReadonlySet<PlanField> }>();

  const positions = me?.positions;
  const own = useMemo(() => unitsAllowing(positions, meta?.roles, PERMISSION), [positions, meta]);
  const allowed = useCallback((hit: SearchHit) => holdsAt(positions, meta?.roles, hit, PERMISSION), [positions, meta]);
  const levels = useMemo(() => targetLevels(meta?.levels, draft.unit?.level), [meta, draft.unit]);
  const kinds = useFetch<{ items: EventKind[] }>('/api/event-kinds');
  const wantsDirectives = draft.phases.some((p) => p.activities.some((a) => a.measure === 'directives_done'));
  const sent = useFetch<{ items: DirectiveSummary[] }>(wantsDirectives ? '/api/directives?view=sent' : null);

  const setUnit = useCallback((unit: UnitRef) => setDraft((d) => ({ ...d, unit })), []);
  // With one unit of their own to plan at, that is the choice.
  useEffect(() => {
    if (!draft.unit && own.length === 1) setUnit(own[0]!);
  }, [own, draft.unit, setUnit]);
  // A new unit (or the levels arriving): each activity's level is kept if it is still allowed, else the default.
  useEffect(() => {
    const codes = levels.map((l) => l.code);
    if (codes.length === 0) return;
    const fallback = defaultTargetLevel(meta?.levels, draft.unit?.level);
    setDraft((d) =>
      d.phases.every((p) => p.activities.every((a) => codes.includes(a.targetLevel)))
        ? d
        : {
            ...d,
            phases: d.phases.map((p) => ({ ...p, activities: p.activities.map((a) => (codes.includes(a.targetLevel) ? a : { ...a, targetLevel: fallback })) })),
          },
    );
  }, [levels, meta, draft.unit]);

  const checked = checkPlan(draft, meta?.levels);
  const problems = tried ? checked.problems : {};
  const errorOf = (field: PlanField) => {
    const problem = problems[field];
    return problem ? t(problem) : serverError?.fields.has(field) ? te(serverError.code) : undefined;
  };

  const fallbackLevel = defaultTargetLevel(meta?.levels, draft.unit?.level);
  const setPhase = (i: number, patch: Partial<PhaseDraft>) => setDraft((d) => ({ ...d, phases: d.phases.map((p, k) => (k === i ? { ...p, ...patch } : p)) }));
  const setActivity = (i: number, j: number, patch: Partial<ActivityDraft>) =>
    setDraft((d) => ({
      ...d,
      phases: d.phases.map((p, k) => (k === i ? { ...p, activities: p.activities.map((a, l) => (l === j ? { ...a, ...patch } : a)) } : p)),
    }));
  const addPhase = () => {
    const phase = newPhase(draft.phases.at(-1), fallbackLevel, today);
    setFocusKey(phase.key);
    setDraft((d) => ({ ...d, phases: [...d.phases, phase] }));
  };
  const addActivity = (i: number) => {
    const activity = newActivity(fallbackLevel);
    setFocusKey(activity.key);
    setPhase(i, { activities: [...draft.phases[i]!.activities, activity] });
  };

  if (meta && me && !holdsAnywhere(me.positions, meta.roles, PERMISSION))
    return (
      <main>
        <ScreenTitle>{t('title')}</ScreenTitle>
        <Banner kind="error">{t('notAllowed')}</Banner>
      </main>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    setServerError(undefined);
    if (!checked.body) return;
    setBusy(true);
    try {
      const r = await api<Campaign>('POST', '/api/campaigns', { clientKey, ...checked.body });
      navigate(`/campaigns/${r.data.id}?planned=1`);
    } catch (e) {
      const error = asApiError(e);
      setServerError({ code: errorKeyOf(error.code), fields: new Set(fieldsOfError(error, draft)) });
    } finally {
      setBusy(false);
    }
  }

  const hasProblems = tried && Object.keys(checked.problems).length > 0;
  return (
    <main className="plan">
      <ScreenTitle>{t('title')}</ScreenTitle>
      <p className="hint">{t('intro')}</p>
      {!online && <Banner kind="offline">{t('offline')}</Banner>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Card>
          <Suspense fallback={<p aria-busy="true">{ts('loading')}</p>}>
            <UnitChoice
              value={draft.unit}
              onChange={setUnit}
              own={own}
              allowed={allowed}
              meta={meta}
              error={errorOf('unit')}
              labels={{
                legend: t('atUnit'),
                hint: t('atUnitHint'),
                chosen: (name) => t('chosenUnit', { name }),
                none: t('noPlanHere'),
              }}
            />
          </Suspense>
        </Card>

        <Card>
          <p className="hint">{t('titleHint')}</p>
          <Field
            label={t('titleHi')}
            lang="hi"
            maxLength={200}
            value={draft.titleHi}
            onChange={(e) => setDraft({ ...draft, titleHi: e.target.value })}
            error={errorOf('title')}
          />
          <Field label={t('titleEn')} lang="en" maxLength={200} value={draft.titleEn} onChange={(e) => setDraft({ ...draft, titleEn: e.target.value })} />
          <TextArea label={t('description')} maxLength={5000} rows={3} value={draft.description} onChange={(v) => setDraft({ ...draft, description: v })} />
        </Card>

        <h2>{t('phases')}</h2>
        <p className="hint">{t('phasesHint')}</p>
        {errorOf('phases') && (
          <p className="field-error" role="alert">
            {errorOf('phases')}
          </p>
        )}
        {draft.phases.map((phase, i) => (
          <PhaseFields
            key={phase.key}
            index={i}
            phase={phase}
            removable={draft.phases.length > 1}
            focusKey={focusKey}
            choosable={{ levels, kinds: kinds.data?.items ?? [], directives: sent.data?.items, unit: draft.unit }}
            errorOf={errorOf}
            onChange={(patch) => setPhase(i, patch)}
            onActivity={(j, patch) => setActivity(i, j, patch)}
            onAddActivity={() => addActivity(i)}
            onRemoveActivity={(j) => setPhase(i, { activities: phase.activities.filter((_, l) => l !== j) })}
            onRemove={() => setDraft((d) => ({ ...d, phases: d.phases.filter((_, k) => k !== i) }))}
          />
        ))}
        {draft.phases.length < LIMITS.phases && (
          <div className="actions">
            <Button variant="secondary" onClick={addPhase}>
              + {t('addPhase')}
            </Button>
          </div>
        )}

        {hasProblems && <Banner kind="error">{t('fix')}</Banner>}
        {serverError && <Banner kind="error">{te(serverError.code)}</Banner>}
        <FormActions
          submit={t('submit')}
          busyLabel={t('submitting')}
          cancel={t('cancel')}
          busy={busy}
          online={online}
          onCancel={() => (hasNavigated() ? history.back() : navigate('/campaigns'))}
        />
      </form>
    </main>
  );
}
