import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { pickLang } from '../../lib/text.ts';
import { Choices } from '../../ui/choices.tsx';
import { Button, Field, Select } from '../../ui/components.tsx';
import { activityField, LIMITS, phaseField, type ActivityDraft, type ActivityPart, type PhaseDraft, type PhasePart, type PlanField } from './plan-form.ts';
import { planMessages } from './plan-messages.ts';
import { MEASURES, type DirectiveSummary, type EventKind, type UnitRef } from './types.ts';

interface Choosable {
  levels: ReadonlyArray<{ code: string; nameEn: string; nameHi: string }>;
  kinds: readonly EventKind[];
  /** The directives the person follows, for a `directives_done` activity; undefined while they load or if they cannot. */
  directives: readonly DirectiveSummary[] | undefined;
  unit: UnitRef | null;
}

/** One phase of the plan: its titles and days, and its activities (added and removed here). */
export function PhaseFields(p: {
  index: number;
  phase: PhaseDraft;
  removable: boolean;
  focusKey: number | null;
  choosable: Choosable;
  errorOf(field: PlanField): string | undefined;
  onChange(patch: Partial<PhaseDraft>): void;
  onActivity(j: number, patch: Partial<ActivityDraft>): void;
  onAddActivity(): void;
  onRemoveActivity(j: number): void;
  onRemove(): void;
}) {
  const t = useT(planMessages);
  const { index: i, phase } = p;
  const n = i + 1;
  const err = (part: PhasePart) => p.errorOf(phaseField(i, part));
  return (
    <fieldset className="card phase">
      <legend>{t('phaseN', { n })}</legend>
      <Field
        label={t('phaseTitleHi')}
        lang="hi"
        maxLength={200}
        value={phase.titleHi}
        autoFocus={p.focusKey === phase.key}
        onChange={(e) => p.onChange({ titleHi: e.target.value })}
        error={err('title')}
      />
      <Field label={t('phaseTitleEn')} lang="en" maxLength={200} value={phase.titleEn} onChange={(e) => p.onChange({ titleEn: e.target.value })} />
      <div className="phase-dates">
        <Field label={t('startsOn')} type="date" value={phase.startsOn} onChange={(e) => p.onChange({ startsOn: e.target.value })} error={err('startsOn')} />
        <Field
          label={t('endsOn')}
          type="date"
          value={phase.endsOn}
          min={phase.startsOn || undefined}
          onChange={(e) => p.onChange({ endsOn: e.target.value })}
          error={err('endsOn')}
        />
      </div>
      {phase.activities.map((a, j) => (
        <ActivityFields
          key={a.key}
          phase={i}
          index={j}
          activity={a}
          removable={phase.activities.length > 1}
          focus={p.focusKey === a.key}
          choosable={p.choosable}
          errorOf={p.errorOf}
          onChange={(patch) => p.onActivity(j, patch)}
          onRemove={() => p.onRemoveActivity(j)}
        />
      ))}
      {err('activities') && (
        <p className="field-error" role="alert">
          {err('activities')}
        </p>
      )}
      <div className="actions">
        {phase.activities.length < LIMITS.activities && (
          <Button variant="secondary" onClick={p.onAddActivity} aria-label={t('addActivityLabel', { n })}>
            + {t('addActivity')}
          </Button>
        )}
        {p.removable && (
          <Button variant="secondary" className="remove" onClick={p.onRemove} aria-label={t('removePhaseLabel', { n })}>
            {t('removePhase')}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

/** One activity: what it is called, what is counted, and its target at a level. */
function ActivityFields(p: {
  phase: number;
  index: number;
  activity: ActivityDraft;
  removable: boolean;
  focus: boolean;
  choosable: Choosable;
  errorOf(field: PlanField): string | undefined;
  onChange(patch: Partial<ActivityDraft>): void;
  onRemove(): void;
}) {
  const t = useT(planMessages);
  const { lang } = useLang();
  const { activity: a, choosable: c } = p;
  const err = (part: ActivityPart) => p.errorOf(activityField(p.phase, p.index, part));
  const m = p.index + 1;
  const n = p.phase + 1;
  return (
    <fieldset className="activity">
      <legend>{t('activityN', { n: m })}</legend>
      <Field
        label={t('activityTitleHi')}
        lang="hi"
        maxLength={200}
        value={a.titleHi}
        autoFocus={p.focus}
        onChange={(e) => p.onChange({ titleHi: e.target.value })}
        error={err('title')}
      />
      <Field label={t('activityTitleEn')} lang="en" maxLength={200} value={a.titleEn} onChange={(e) => p.onChange({ titleEn: e.target.value })} />
      <Choices
        legend={t('measure')}
        options={MEASURES.map((v) => ({ value: v, label: t(`measure_${v}`), hint: t(`measure_${v}_hint`) }))}
        selected={[a.measure]}
        onChange={([v]) => v && p.onChange({ measure: v })}
      />
      {a.measure === 'events_held' && (
        <Select label={t('eventKind')} value={a.eventKind} onChange={(e) => p.onChange({ eventKind: e.target.value })} error={err('eventKind')}>
          <option value="">{t('anyKind')}</option>
          {c.kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {nameIn(lang, k)}
            </option>
          ))}
        </Select>
      )}
      {a.measure === 'directives_done' &&
        (c.directives && c.directives.length > 0 ? (
          <Select label={t('directive')} value={a.directiveId} onChange={(e) => p.onChange({ directiveId: e.target.value })} error={err('directiveId')}>
            <option value="">{t('chooseDirective')}</option>
            {c.directives.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {`${d.id} · ${pickLang(lang, d.titleHi, d.titleEn).text} · ${nameIn(lang, d.unit)}`}
              </option>
            ))}
          </Select>
        ) : (
          <Field
            label={t('directiveNumber')}
            hint={t('directiveNumberHint')}
            inputMode="numeric"
            value={a.directiveId}
            onChange={(e) => p.onChange({ directiveId: e.target.value })}
            error={err('directiveId')}
          />
        ))}
      <Select label={t('targetLevel')} value={a.targetLevel} onChange={(e) => p.onChange({ targetLevel: e.target.value })} error={err('targetLevel')}>
        {!c.levels.some((l) => l.code === a.targetLevel) && <option value={a.targetLevel}>{a.targetLevel || '—'}</option>}
        {c.levels.map((l) => (
          <option key={l.code} value={l.code}>
            {nameIn(lang, l)}
          </option>
        ))}
      </Select>
      <Choices
        legend={t('split')}
        options={[
          { value: 'perUnit' as const, label: t('split_perUnit') },
          { value: 'total' as const, label: t('split_total'), hint: t('split_total_hint') },
        ]}
        selected={[a.split]}
        onChange={([v]) => v && p.onChange({ split: v })}
      />
      <Field
        label={a.split === 'perUnit' ? t('amount_perUnit') : c.unit ? t('amount_total', { name: nameIn(lang, c.unit) }) : t('amount_total_any')}
        inputMode="numeric"
        autoComplete="off"
        value={a.amount}
        onChange={(e) => p.onChange({ amount: e.target.value })}
        error={err('amount')}
      />
      {p.removable && (
        <div className="actions">
          <Button variant="secondary" className="remove" onClick={p.onRemove} aria-label={t('removeActivityLabel', { n, m })}>
            {t('removeActivity')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
