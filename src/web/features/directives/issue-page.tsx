import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useCreate } from '../../lib/create-form.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { hasNavigated, navigate } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card, Field } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { UnitChoice, useOrgMeta, type SearchHit } from '../org/index.ts';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { AudienceFields } from './audience-fields.tsx';
import { Choices } from '../../ui/choices.tsx';
import { FileUploads } from './file-uploads.tsx';
import { audienceOf, checkIssue, fieldOfIssue, levelsBelow, startingLevels, type IssueDraft, type IssueField, type IssueProblem } from './issue-form.ts';
import { lastSentLevels, rememberSentLevels } from './last-levels.ts';
import { issueMessages } from './issue-messages.ts';
import { hasLevelBelow, holdsAnywhere, holdsAt, issuingUnits } from './permissions.ts';
import { PreviewCard, SendTo } from './preview-card.tsx';
import { TextArea } from '../../ui/text-area.tsx';
import { ASKS, PRIORITIES, type Directive, type FileRef, type UnitDetail, type UnitRef } from './types.ts';
import { usePreview } from './use-preview.ts';

const EMPTY: Omit<IssueDraft, 'unit' | 'levels'> = {
  titleHi: '',
  titleEn: '',
  bodyHi: '',
  bodyEn: '',
  links: '',
  fileIds: [],
  priority: 'normal',
  ask: 'ack',
  dueAt: '',
  remindAt: '',
  escalateAt: '',
  roles: [],
  departments: [],
};

/**
 * /directives/new[?unit=ID] — writing and sending a directive: from which unit, what it says (Hindi and English), what
 * it asks and by when, and to whom below; a live preview of who it reaches (and misses) before "send". The form's
 * clientKey is made once, so a double tap or a retry after a lost answer is still one directive.
 */
export function IssuePage() {
  const t = useT(issueMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const [unit, setUnit] = useState<UnitRef | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [levels, setLevels] = useState<string[]>([]);
  const [files, setFiles] = useState<FileRef[]>([]);
  const { tried, busy, serverError, submit } = useCreate(fieldOfIssue, 'levels');

  // A unit named in the address (the unit page's "issue a directive"), taken if the person may issue there.
  const asked = new URLSearchParams(location.search).get('unit');
  const named = useFetch<UnitDetail>(asked && /^\d{1,10}$/.test(asked) ? `/api/units/${asked}` : null);
  const positions = me?.positions;
  useEffect(() => {
    const u = named.data;
    if (!unit && u && holdsAt(positions, meta?.roles, u, 'directives.issue') && hasLevelBelow(meta?.levels, u.level))
      setUnit({ id: u.id, level: u.level, nameEn: u.nameEn, nameHi: u.nameHi });
  }, [named.data, positions, meta, unit]);
  // With one unit of their own to issue from, that is the choice.
  const own = useMemo(() => issuingUnits(positions, meta?.roles, meta?.levels), [positions, meta]);
  useEffect(() => {
    if (!unit && !asked && own.length === 1) setUnit(own[0]!);
  }, [own, unit, asked]);

  const below = useMemo(() => levelsBelow(meta?.levels, unit?.level), [meta, unit]);
  // A new unit: the levels chosen if they still lie below it, else those the person last sent to; never a default.
  const personId = me?.person.id;
  useEffect(() => {
    setLevels((now) =>
      startingLevels(
        below.map((l) => l.code),
        now,
        lastSentLevels(personId),
      ),
    );
  }, [below, personId]);

  const allowed = useCallback(
    (hit: SearchHit) => holdsAt(positions, meta?.roles, hit, 'directives.issue') && hasLevelBelow(meta?.levels, hit.level),
    [positions, meta],
  );
  const full: IssueDraft = { ...draft, unit, levels, fileIds: files.map((f) => f.id) };
  const audience = useMemo(() => audienceOf({ levels, roles: draft.roles, departments: draft.departments }), [levels, draft.roles, draft.departments]);
  const preview = usePreview(unit?.id, audience, online);
  const checked = checkIssue(full);
  const problems: Partial<Record<IssueField, IssueProblem>> = tried ? checked.problems : {};
  const errorOf = (field: IssueField) => (problems[field] ? t(problems[field]) : serverError?.fields[field] ? te(serverError.code) : undefined);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  if (meta && me && !holdsAnywhere(me.positions, meta.roles, 'directives.issue'))
    return (
      <main>
        <ScreenTitle>{t('title')}</ScreenTitle>
        <Banner kind="error">{t('notAllowed')}</Banner>
      </main>
    );

  const send = () =>
    submit<Directive>('/api/directives', checked.body, (d) => {
      if (personId !== undefined) rememberSentLevels(personId, d.audience.levels);
      navigate(`/directives/${d.id}/coverage?sent=1`);
    });

  const previewNote = !online ? t('previewOffline') : !preview.ready ? t('previewNeeds') : preview.error ? te(errorKeyOf(preview.error.code)) : undefined;
  const hasProblems = tried && Object.keys(checked.problems).length > 0;
  const count = preview.data?.units;
  return (
    <main className="issue">
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
              legend: t('fromUnit'),
              hint: t('fromUnitHint'),
              chosen: (name) => t('chosenUnit', { name }),
              none: t('noIssueHere'),
            }}
          />
        </Suspense>
      </Card>

      <Card>
        <p className="hint">{t('titleHint')}</p>
        <Field label={t('titleHi')} lang="hi" maxLength={200} value={draft.titleHi} onChange={(e) => set('titleHi', e.target.value)} error={errorOf('title')} />
        <Field label={t('titleEn')} lang="en" maxLength={200} value={draft.titleEn} onChange={(e) => set('titleEn', e.target.value)} />
        <TextArea label={t('bodyHi')} lang="hi" maxLength={5000} rows={4} value={draft.bodyHi} onChange={(v) => set('bodyHi', v)} />
        <TextArea label={t('bodyEn')} lang="en" maxLength={5000} rows={4} value={draft.bodyEn} onChange={(v) => set('bodyEn', v)} />
        <TextArea
          label={t('links')}
          hint={t('linksHint')}
          rows={2}
          inputMode="url"
          value={draft.links}
          onChange={(v) => set('links', v)}
          error={errorOf('links')}
        />
        <FileUploads files={files} onChange={setFiles} online={online} />
      </Card>

      <Card>
        <Choices
          legend={t('priority')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`priority_${p}`) }))}
          selected={[draft.priority]}
          onChange={([p]) => p && set('priority', p)}
        />
        <Choices
          legend={t('ask')}
          options={ASKS.map((a) => ({ value: a, label: t(`ask_${a}`), hint: t(`ask_${a}_hint`) }))}
          selected={[draft.ask]}
          onChange={([a]) => a && set('ask', a)}
        />
        <fieldset className="choices">
          <legend>{t('when')}</legend>
          <Field label={t('dueAt')} type="datetime-local" value={draft.dueAt} onChange={(e) => set('dueAt', e.target.value)} error={errorOf('dueAt')} />
          <details className="more-times" open={Boolean(draft.remindAt || draft.escalateAt || problems.remindAt || problems.escalateAt)}>
            <summary>{t('moreTimes')}</summary>
            <Field
              label={t('remindAt')}
              hint={t('remindHint')}
              type="datetime-local"
              value={draft.remindAt}
              onChange={(e) => set('remindAt', e.target.value)}
              error={errorOf('remindAt')}
            />
            <Field
              label={t('escalateAt')}
              hint={t('escalateHint')}
              type="datetime-local"
              value={draft.escalateAt}
              onChange={(e) => set('escalateAt', e.target.value)}
              error={errorOf('escalateAt')}
            />
          </details>
        </fieldset>
      </Card>

      <AudienceFields
        unitName={unit ? nameIn(lang, unit) : ''}
        levels={below}
        roles={meta?.roles ?? []}
        departments={meta?.departments ?? []}
        chosen={{ levels, roles: draft.roles, departments: draft.departments }}
        onLevels={setLevels}
        onRoles={(r) => set('roles', r)}
        onDepartments={(d) => set('departments', d)}
        error={errorOf('levels')}
      />

      <PreviewCard preview={preview.data ?? (preview.busy ? preview.last : undefined)} busy={preview.busy} note={previewNote} />

      <SendTo preview={preview.data} levels={meta?.levels} />
      {hasProblems && <Banner kind="error">{t('fix')}</Banner>}
      {serverError && <Banner kind="error">{te(serverError.code)}</Banner>}
      <div className="actions">
        {/* Nothing to send to (all silenced, no unit of those levels): sending would only make an empty directive. */}
        <Button onClick={() => void send()} disabled={busy || !online || count === 0}>
          {busy ? t('sending') : count !== undefined ? t('send', { count: formatNumber(count, lang) }) : t('sendNoPreview')}
        </Button>
        <Button variant="secondary" onClick={() => (hasNavigated() ? history.back() : navigate('/directives'))}>
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
