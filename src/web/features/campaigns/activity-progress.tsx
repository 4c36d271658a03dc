import { useId, useState } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { formatNumber, formatPercent, type Lang } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { pickLang } from '../../lib/text.ts';
import { formatWhen } from '../../lib/time.ts';
import { Banner, Bar, Button, Field } from '../../ui/components.tsx';
import { labelOf, type OrgMeta } from '../org/index.ts';
import { campaignMessages } from './messages.ts';
import { LIMITS, parseAmount } from './plan-form.ts';
import { behindOf, figureWords, shareOf, toneFor, unitsDiffer } from './progress-math.ts';
import { ReportOwnFigure } from './report-own.tsx';
import type { Activity, ActivityProgress, EventKind, ProgressRow, UnitRef } from './types.ts';

type Mode = 'targets' | 'figures';
type Translate = (key: keyof typeof campaignMessages.en & string, vars?: Record<string, string | number>) => string;
/** Most targets one request may set (the contract's limit). */
const TARGETS_PER_REQUEST = 500;
/** The "behind" list names the worst few; the rows above show every unit. */
const BEHIND_SHOWN = 10;

/** "Events held: Workshop" · "Target: 1 each, at District level": what an activity counts and how its target is set. */
function describe(a: Activity, kinds: readonly EventKind[], meta: OrgMeta | undefined, lang: Lang, t: Translate) {
  const kind = kinds.find((k) => k.code === a.eventKind);
  const measure =
    a.measure === 'events_held' && a.eventKind
      ? t('measure_events_held_kind', { kind: kind ? nameIn(lang, kind) : a.eventKind })
      : a.measure === 'directives_done'
        ? t('measure_directives_done', { id: a.directiveId ?? '' })
        : t(`measure_${a.measure}`);
  const level = labelOf(meta?.levels, a.targetLevel, lang);
  const target =
    a.perUnit !== null ? t('perUnit', { count: formatNumber(a.perUnit, lang), level }) : t('total', { count: formatNumber(a.total ?? 0, lang), level });
  return { measure, target };
}

/** A figure's freshness: counted on the spot (the target level's own units) or by the last recount. */
function freshness(live: boolean, refreshedAt: string | null, lang: Lang, t: Translate) {
  if (live) return t('countedNow');
  return refreshedAt ? t('asOf', { time: formatWhen(refreshedAt, lang) }) : t('counting');
}

/**
 * One activity at a unit: its target against what was achieved (a bar and the numbers, where the figure comes from and
 * how fresh it is), then each unit below, the furthest behind first, each opening its own view, and the units behind
 * their share due by today. A leader adjusts the targets of the units below in place when they are of the activity's
 * level; for a reported activity the figures of those units (or of this unit, when it is of that level) are entered here.
 */
export function ActivityProgressCard(p: {
  campaignId: number;
  entry: ActivityProgress;
  unit: UnitRef;
  share: number;
  phaseState: 'past' | 'now' | 'later';
  kinds: readonly EventKind[];
  meta: OrgMeta | undefined;
  canAdjust(unitId: number): boolean;
  open: boolean;
  onSaved(): void;
  onEditing(on: boolean): void;
}) {
  const t = useT(campaignMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const headingId = useId();
  const { entry, unit } = p;
  const a = entry.activity;
  const title = pickLang(lang, a.titleHi, a.titleEn);
  const { measure, target } = describe(a, p.kinds, p.meta, lang, t);
  const num = (n: number) => formatNumber(n, lang);
  const unitName = nameIn(lang, unit);
  const ownIsTarget = unit.level === a.targetLevel;
  const reported = a.source === 'reported';
  const adjustable = p.open && entry.atTargetLevel && entry.children.some((c) => p.canAdjust(c.unit.id));
  // A figure is what a unit did in the phase: nothing is reported before it starts (the server refuses it too).
  const reportOpen = p.open && reported && p.phaseState !== 'later';
  const reportable = reportOpen && entry.atTargetLevel && entry.children.length > 0;

  const [mode, setMode] = useState<Mode | null>(null);
  const [values, setValues] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ErrorKey>();
  const [done, setDone] = useState<'targetsSaved' | 'figuresSaved' | 'nothingChanged'>();

  const editable = (c: ProgressRow) => (mode === 'targets' ? p.canAdjust(c.unit.id) : mode === 'figures');
  const max = mode === 'targets' ? LIMITS.perUnit : LIMITS.total;
  const invalid = (c: ProgressRow) => {
    const v = parseAmount(values[c.unit.id] ?? '');
    return v === null || Number.isNaN(v) || v > max;
  };

  const start = (m: Mode) => {
    setMode(m);
    setValues(Object.fromEntries(entry.children.map((c) => [c.unit.id, String(m === 'targets' ? c.target : c.counted)])));
    setTried(false);
    setError(undefined);
    setDone(undefined);
    p.onEditing(true);
  };
  const stop = () => {
    setMode(null);
    p.onEditing(false);
  };

  async function save() {
    setTried(true);
    setError(undefined);
    const rows = entry.children.filter(editable);
    if (rows.some(invalid)) return;
    const changed = rows
      .map((c) => ({ unitId: c.unit.id, value: parseAmount(values[c.unit.id]!)!, was: mode === 'targets' ? c.target : c.counted }))
      .filter((c) => c.value !== c.was);
    if (changed.length === 0) {
      setDone('nothingChanged');
      stop();
      return;
    }
    setBusy(true);
    try {
      const base = `/api/campaigns/${p.campaignId}/activities/${a.id}`;
      if (mode === 'targets') {
        for (let i = 0; i < changed.length; i += TARGETS_PER_REQUEST)
          await api('PUT', `${base}/targets`, { targets: changed.slice(i, i + TARGETS_PER_REQUEST).map((c) => ({ unitId: c.unitId, target: c.value })) });
      } else {
        // One unit's figure at a time (the API takes one); a failure stops here, what was sent stays sent.
        for (const c of changed) await api('POST', `${base}/reports`, { unitId: c.unitId, value: c.value });
      }
      setDone(mode === 'targets' ? 'targetsSaved' : 'figuresSaved');
      stop();
      p.onSaved();
    } catch (e) {
      setError(errorKeyOf(asApiError(e).code));
      p.onSaved();
    } finally {
      setBusy(false);
    }
  }

  const behind = p.phaseState === 'later' ? [] : behindOf(entry.children, p.share, lang);
  const percent = entry.target > 0 ? formatPercent(entry.achieved / entry.target, lang) : null;
  const own = figureWords(entry, num, t);
  const targetLevel = labelOf(p.meta?.levels, a.targetLevel, lang);
  return (
    <section className="card activity-progress" aria-labelledby={headingId}>
      <h4 id={headingId} lang={title.lang}>
        {title.text}
      </h4>
      <p className="sub">
        {measure} · {target}
      </p>
      <p className="own-figure">
        <span className="big">{own.main}</span>
        {percent && <span className="sub"> · {t('complete', { percent })}</span>}
        {own.counted && <span className="sub"> · {own.counted}</span>}
      </p>
      {!ownIsTarget && unitsDiffer(entry) && (
        <p className="sub units-met">{t('unitsMet', { level: targetLevel, met: num(entry.unitsMet), units: num(entry.units) })}</p>
      )}
      <Bar ratio={entry.target > 0 ? shareOf(entry) : 0} tone={toneFor(entry, p.share)} label={t('barLabel', { name: unitName, figures: own.main })} />
      <p className="source-line">
        <span className={`pill source ${a.source}`}>{t(`source_${a.source}`)}</span>{' '}
        <span className="sub">{freshness(ownIsTarget, entry.refreshedAt, lang, t)}</span>
      </p>
      {!ownIsTarget && <p className="hint">{t('lagHint', { level: targetLevel })}</p>}
      {reportOpen && ownIsTarget && <ReportOwnFigure campaignId={p.campaignId} activityId={a.id} unit={unit} achieved={entry.counted} onSaved={p.onSaved} />}
      {p.open && reported && p.phaseState === 'later' && (ownIsTarget || entry.atTargetLevel) && <p className="hint">{t('reportLater')}</p>}

      {entry.children.length > 0 && (
        <>
          <h5>{t('children')}</h5>
          <p className="sub">
            {t(`source_${a.source}`)} · {freshness(entry.atTargetLevel, entry.refreshedAt, lang, t)}
          </p>
          {done && <Banner kind="success">{t(done)}</Banner>}
          {error && <Banner kind="error">{te(error)}</Banner>}
          {mode === null && (adjustable || reportable) && (
            <div className="actions">
              {adjustable && (
                <Button variant="secondary" onClick={() => start('targets')}>
                  {t('editTargets')}
                </Button>
              )}
              {reportable && (
                <Button variant="secondary" onClick={() => start('figures')}>
                  {t('enterFigures')}
                </Button>
              )}
            </div>
          )}
          <ul className="list progress-list" aria-busy={busy || undefined}>
            {entry.children.map((c) => {
              const name = nameIn(lang, c.unit);
              const words = figureWords(c, num, t);
              // Above the target level a row sums many units: say how many of them met their target, where that says more.
              const above = c.unit.level !== a.targetLevel && unitsDiffer(c);
              return (
                <li key={c.unit.id} className="progress-row">
                  <Link href={`/campaigns/${p.campaignId}/units/${c.unit.id}`}>
                    <span className="grow">
                      <strong>{name}</strong> <span className="sub">{labelOf(p.meta?.levels, c.unit.level, lang)}</span>
                    </span>
                    <span className="row-figures">
                      {words.main}
                      {c.adjusted && (
                        <span className="pill adjusted" title={t('adjustedLabel')}>
                          {t('adjusted')}
                        </span>
                      )}
                    </span>
                    <span aria-hidden="true">›</span>
                  </Link>
                  {(words.counted || above) && (
                    <p className="sub row-more">
                      {[above && t('unitsMetShort', { met: num(c.unitsMet), units: num(c.units) }), words.counted].filter(Boolean).join(' · ')}
                    </p>
                  )}
                  {/* A unit with no target (no booths for a split total) has nothing to fill: no bar, only "no target". */}
                  {c.target > 0 && <Bar ratio={shareOf(c)} tone={toneFor(c, p.share)} label={t('barLabel', { name, figures: words.main })} />}
                  {mode && editable(c) && (
                    <Field
                      className="row-input"
                      label={mode === 'targets' ? t('targetFor', { name }) : t('figureFor', { name })}
                      inputMode="numeric"
                      autoComplete="off"
                      value={values[c.unit.id] ?? ''}
                      onChange={(e) => setValues((v) => ({ ...v, [c.unit.id]: e.target.value }))}
                      error={tried && invalid(c) ? t(mode === 'targets' ? 'targetInvalid' : 'figureInvalid') : undefined}
                    />
                  )}
                </li>
              );
            })}
          </ul>
          {mode && (
            <div className="actions">
              <Button onClick={() => void save()} disabled={busy}>
                {busy ? t('saving') : mode === 'targets' ? t('saveTargets') : t('saveFigures')}
              </Button>
              <Button variant="secondary" onClick={stop} disabled={busy}>
                {t('cancel')}
              </Button>
            </div>
          )}

          {p.phaseState !== 'later' && (
            <div className="behind">
              <h5>{t('behind')}</h5>
              <p className="hint">{t('behindHint')}</p>
              {behind.length === 0 ? (
                <p className="muted">{t('behindNone')}</p>
              ) : (
                <ul className="behind-list">
                  {behind.slice(0, BEHIND_SHOWN).map((b) => (
                    <li key={b.unit.id}>
                      <Link href={`/campaigns/${p.campaignId}/units/${b.unit.id}`}>{nameIn(lang, b.unit)}</Link>{' '}
                      <span className="sub">{t('behindRow', { achieved: num(b.achieved), due: num(b.due), short: num(b.short) })}</span>
                    </li>
                  ))}
                  {behind.length > BEHIND_SHOWN && <li className="sub">{t('behindMore', { count: num(behind.length - BEHIND_SHOWN) })}</li>}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
