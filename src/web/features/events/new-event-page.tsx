import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { levelsBelow } from '../../lib/audience.ts';
import { errorMessages } from '../../lib/error-messages.ts';
import { useCreate } from '../../lib/create-form.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { holdsAnywhere, holdsAt, unitsAllowing } from '../../lib/permissions.ts';
import { hasNavigated, navigate } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Choices } from '../../ui/choices.tsx';
import { Banner, Button, Card, Field } from '../../ui/components.tsx';
import { TextArea } from '../../ui/text-area.tsx';
import { useSession } from '../auth/index.ts';
import { UnitChoice, useOrgMeta, type SearchHit } from '../org/index.ts';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { audienceLevels, checkEvent, endAfter, fieldOfIssue, type EventDraft, type EventField, type EventProblem, type VideoChoice } from './event-form.ts';
import { formMessages } from './form-messages.ts';
import { SessionsFields } from './sessions-fields.tsx';
import type { EventDetail, EventKind, UnitRef } from './types.ts';

type Text = 'titleHi' | 'titleEn' | 'description' | 'venue' | 'videoUrl' | 'chair' | 'conductor' | 'chiefGuest';

const EMPTY: Omit<EventDraft, 'unit'> = {
  kind: '',
  titleHi: '',
  titleEn: '',
  description: '',
  startsAt: '',
  endsAt: '',
  venue: '',
  video: 'none',
  videoUrl: '',
  holdAt: '',
  levels: [],
  roles: [],
  departments: [],
  sessions: [],
  chair: '',
  conductor: '',
  chiefGuest: '',
};

/**
 * /events/new — creating an event: which unit holds it, what kind, titles (Hindi and/or English), when and where, a
 * video room or link, optionally "at every shakti kendra below", who is invited, the programme and its people. The
 * clientKey is made once, so a double tap or a retry after a lost answer is still one event.
 */
export function NewEventPage() {
  const t = useT(formMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const kinds = useFetch<{ items: EventKind[] }>('/api/event-kinds');
  const [unit, setUnit] = useState<UnitRef | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const { tried, busy, serverError, submit } = useCreate(fieldOfIssue, 'levels');
  const positions = me?.positions;

  // With one unit of their own to hold events at, that is the choice.
  const own = useMemo(() => unitsAllowing(positions, meta?.roles, 'events.manage'), [positions, meta]);
  useEffect(() => {
    if (!unit && own.length === 1) setUnit(own[0]!);
  }, [own, unit]);
  const allowed = useCallback((hit: SearchHit) => holdsAt(positions, meta?.roles, hit, 'events.manage'), [positions, meta]);

  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const kind = kinds.data?.items.find((k) => k.code === draft.kind);
  const below = useMemo(() => levelsBelow(meta?.levels, unit?.level), [meta, unit]);
  const holdAt = below.some((l) => l.code === draft.holdAt) ? draft.holdAt : '';
  const levels = useMemo(() => audienceLevels(meta?.levels, unit?.level, holdAt), [meta, unit, holdAt]);
  // The audience follows where it is held: the levels ticked that are still allowed, or else the held level itself.
  const allowedCodes = levels.map((l) => l.code);
  const kept = draft.levels.filter((c) => allowedCodes.includes(c));
  const chosenLevels = kept.length ? kept : allowedCodes.slice(0, 1);

  const full: EventDraft = { ...draft, unit, holdAt, levels: chosenLevels };
  const checked = checkEvent(full);
  const problems: Partial<Record<EventField, EventProblem>> = tried ? checked.problems : {};
  const errorOf = (field: EventField) => (problems[field] ? t(problems[field]) : serverError?.fields[field] ? te(serverError.code) : undefined);
  const text = (key: Text, label: string, more: { hint?: string; lang?: string; maxLength?: number; field?: EventField } = {}) => (
    <Field
      label={label}
      hint={more.hint}
      lang={more.lang}
      maxLength={more.maxLength ?? 200}
      value={draft[key]}
      onChange={(e) => set(key, e.target.value)}
      error={more.field ? errorOf(more.field) : undefined}
    />
  );

  if (meta && me && !holdsAnywhere(me.positions, meta.roles, 'events.manage'))
    return (
      <main>
        <ScreenTitle>{t('title')}</ScreenTitle>
        <Banner kind="error">{t('notAllowed')}</Banner>
      </main>
    );

  const create = () => submit<EventDetail>('/api/events', checked.body, (e) => navigate(`/events/${e.id}?created=1`));

  const pickKind = (code: string) => {
    const k = kinds.data?.items.find((x) => x.code === code);
    // A virtual kind meets by video: a Jitsi room unless a link is pasted.
    setDraft((d) => ({ ...d, kind: code, video: k?.virtual ? (d.video === 'link' ? 'link' : 'jitsi') : d.video }));
  };
  const videoChoices: VideoChoice[] = kind?.virtual ? ['jitsi', 'link'] : ['none', 'jitsi', 'link'];
  const levelName = (code: string) => nameIn(lang, meta?.levels.find((l) => l.code === code) ?? { nameEn: code, nameHi: code });
  const options = (list: ReadonlyArray<{ code: string; nameEn: string; nameHi: string }>) => list.map((x) => ({ value: x.code, label: nameIn(lang, x) }));
  const hasProblems = tried && Object.keys(checked.problems).length > 0;

  return (
    <main className="event-form">
      <ScreenTitle>{t('title')}</ScreenTitle>
      <p className="hint">{t('intro')}</p>
      {!online && <Banner kind="offline">{t('offline')}</Banner>}

      <Card>
        <Suspense fallback={<p aria-busy="true">{ts('loading')}</p>}>
          <UnitChoice
            value={unit}
            onChange={setUnit}
            own={own}
            allowed={allowed}
            meta={meta}
            error={errorOf('unit')}
            labels={{
              legend: t('heldBy'),
              hint: t('heldByHint'),
              chosen: (name) => t('chosenUnit', { name }),
              none: t('noEventsHere'),
            }}
          />
        </Suspense>
        {kinds.data ? (
          <Choices
            legend={t('kind')}
            options={options(kinds.data.items)}
            selected={[draft.kind]}
            onChange={([k]) => k && pickKind(k)}
            error={errorOf('kind')}
          />
        ) : (
          <p aria-busy="true" className="hint">
            {t('kindsLoading')}
          </p>
        )}
      </Card>

      <Card>
        <p className="hint">{t('titleHint')}</p>
        {text('titleHi', t('titleHi'), { lang: 'hi', field: 'title' })}
        {text('titleEn', t('titleEn'), { lang: 'en' })}
        <TextArea label={t('description')} maxLength={5000} rows={3} value={draft.description} onChange={(v) => set('description', v)} />
      </Card>

      <Card>
        <fieldset className="choices">
          <legend>{t('when')}</legend>
          <Field
            label={t('startsAt')}
            type="datetime-local"
            value={draft.startsAt}
            onChange={(e) => {
              const startsAt = e.target.value;
              setDraft((d) => ({ ...d, startsAt, endsAt: d.endsAt && d.endsAt > startsAt ? d.endsAt : endAfter(startsAt) }));
            }}
            error={errorOf('startsAt')}
          />
          <Field
            label={t('endsAt')}
            hint={t('endsHint')}
            type="datetime-local"
            min={draft.startsAt || undefined}
            value={draft.endsAt}
            onChange={(e) => set('endsAt', e.target.value)}
            error={errorOf('endsAt')}
          />
        </fieldset>
        <fieldset className="choices">
          <legend>{t('where')}</legend>
          {text('venue', t('venue'), { hint: holdAt ? t('venueHint') : undefined, maxLength: 300 })}
          <Choices
            legend={t('video')}
            options={videoChoices.map((v) => ({ value: v, label: t(`video_${v}`), hint: v === 'jitsi' ? t('video_jitsi_hint') : undefined }))}
            selected={[videoChoices.includes(draft.video) ? draft.video : videoChoices[0]!]}
            onChange={([v]) => v && set('video', v)}
          />
          {draft.video === 'link' && (
            <Field
              label={t('videoUrl')}
              type="url"
              inputMode="url"
              maxLength={500}
              value={draft.videoUrl}
              onChange={(e) => set('videoUrl', e.target.value)}
              error={errorOf('videoUrl')}
            />
          )}
        </fieldset>
      </Card>

      {unit && below.length > 0 && (
        <Card>
          <Choices
            legend={t('holdAt')}
            hint={t('holdAtEveryHint')}
            options={[
              { value: '', label: t('holdHere', { unit: nameIn(lang, unit) }) },
              ...below.map((l) => ({ value: l.code, label: t('holdAtEvery', { level: nameIn(lang, l) }) })),
            ]}
            selected={[holdAt]}
            onChange={([v]) => set('holdAt', v ?? '')}
          />
        </Card>
      )}

      <Card title={t('audience')}>
        <Choices
          legend={t('levels')}
          hint={t('levelsHint')}
          multiple
          options={options(levels)}
          selected={chosenLevels}
          onChange={(v) => set('levels', v)}
          error={errorOf('levels')}
        />
        <Choices
          legend={t('roles')}
          hint={t('rolesHint')}
          multiple
          options={options(meta?.roles ?? [])}
          selected={draft.roles}
          onChange={(v) => set('roles', v)}
        />
        <Choices
          legend={t('departments')}
          hint={t('departmentsHint')}
          multiple
          options={options(meta?.departments ?? [])}
          selected={draft.departments}
          onChange={(v) => set('departments', v)}
        />
      </Card>

      <Card>
        <SessionsFields sessions={draft.sessions} onChange={(s) => set('sessions', s)} error={errorOf('sessions')} />
      </Card>

      <Card>
        <fieldset className="choices">
          <legend>{t('people')}</legend>
          {text('chair', t('chair'))}
          {text('conductor', t('conductor'))}
          {text('chiefGuest', t('chiefGuest'))}
        </fieldset>
      </Card>

      {hasProblems && <Banner kind="error">{t('fix')}</Banner>}
      {serverError && <Banner kind="error">{te(serverError.code)}</Banner>}
      <div className="actions">
        <Button onClick={() => void create()} disabled={busy || !online}>
          {busy ? t('creating') : holdAt ? t('createEvery', { level: levelName(holdAt) }) : t('create')}
        </Button>
        <Button variant="secondary" onClick={() => (hasNavigated() ? history.back() : navigate('/events'))}>
          {t('cancel')}
        </Button>
      </div>
      {busy && (
        <p className="sr-only" role="status">
          {ts('loading')}
        </p>
      )}
    </main>
  );
}
