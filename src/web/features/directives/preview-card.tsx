import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { labelOf, useOrgMeta, type OrgMeta } from '../org/index.ts';
import { issueMessages } from './issue-messages.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Preview } from './types.ts';

/**
 * What a send would reach, before it goes: units and people, the units with nobody to receive it (with the first of
 * them, so the leader can fill those positions), and the units a silence period will skip, with until when.
 */
export function PreviewCard({ preview, busy, note }: { preview: Preview | undefined; busy: boolean; note: string | undefined }) {
  const t = useT(issueMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  const num = (n: number) => formatNumber(n, lang);
  return (
    <section className="card preview" aria-labelledby="preview-title" aria-busy={busy || undefined}>
      <h2 id="preview-title">{t('preview')}</h2>
      <div role="status" aria-live="polite">
        {note && <p className="hint">{note}</p>}
        {!note && !preview && busy && <p className="hint">{t('previewing')}</p>}
        {!note && preview && (
          <dl className="reach">
            <div>
              <dt>{t('reachUnits')}</dt>
              <dd>{num(preview.units)}</dd>
            </div>
            <div>
              <dt>{t('reachPeople')}</dt>
              <dd>{num(preview.people)}</dd>
            </div>
          </dl>
        )}
      </div>
      {!note && preview && preview.emptyUnits > 0 && (
        <div className="warn-block">
          <p>
            <strong>{preview.emptyUnits === 1 ? t('emptyOne') : t('empty', { count: num(preview.emptyUnits) })}</strong>
          </p>
          {preview.emptySample.length > 0 && (
            <details>
              <summary>{t('emptySample')}</summary>
              <ul className="sample">
                {preview.emptySample.map((u) => (
                  <li key={u.id}>
                    {nameIn(lang, u)} <span className="sub">{labelOf(meta?.levels, u.level, lang)}</span>
                  </li>
                ))}
                {preview.emptyUnits > preview.emptySample.length && (
                  <li className="sub">{t('emptyMore', { count: num(preview.emptyUnits - preview.emptySample.length) })}</li>
                )}
              </ul>
            </details>
          )}
        </div>
      )}
      {!note && preview && preview.silencedUnits > 0 && (
        <div className="warn-block silenced">
          <p>
            <strong>{preview.silencedUnits === 1 ? t('silencedOne') : t('silenced', { count: num(preview.silencedUnits) })}</strong>
          </p>
          <ul className="sample">
            {preview.silences.map((s) => (
              <li key={s.id}>{t('silenceUntil', { name: nameIn(lang, s.unit), time: formatWhen(s.endsAt, lang) })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/**
 * Right above "send": how many units it goes to, level by level, in large type, and a warning when several levels
 * are ticked (ticking mandals on top of booths once sent a directive meant for 32 mandals to 1,644 units).
 */
export function SendTo({ preview, levels }: { preview: Preview | undefined; levels: OrgMeta['levels'] | undefined }) {
  const t = useT(issueMessages);
  const { lang } = useLang();
  if (!preview || preview.units === 0) return null;
  const num = (n: number) => formatNumber(n, lang);
  const list = preview.byLevel.map((l) => t('sendToLevel', { level: labelOf(levels, l.level, lang), count: num(l.units) })).join(', ');
  return (
    <div className="send-to" role="status">
      <p>
        <strong>{t('sendTo', { count: num(preview.units), list })}</strong>
      </p>
      {preview.byLevel.length > 1 && <p className="several-levels">{t('severalLevels')}</p>}
    </div>
  );
}
