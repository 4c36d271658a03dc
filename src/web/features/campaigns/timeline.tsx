import { useId } from 'react';
import { useLang, useT } from '../../lib/i18n.tsx';
import { pickLang } from '../../lib/text.ts';
import { campaignMessages } from './messages.ts';
import { formatDay, formatDays, timeline } from './progress-math.ts';
import type { Campaign } from './types.ts';

/**
 * The campaign's phases on one line (past, running, later, each as long as its days) with a marker for today, then the
 * same as a list in words: the line is a picture for sighted readers, the list is what screen readers get.
 */
export function Timeline({ phases, today }: { phases: Campaign['phases']; today: string }) {
  const t = useT(campaignMessages);
  const { lang } = useLang();
  const id = useId();
  const geometry = timeline(phases, today);
  const pct = (x: number) => `${x.toFixed(2)}%`;
  // The label sits over the marker, kept inside the line at either end.
  const labelAlign = geometry.today === null ? '' : geometry.today < 12 ? ' start' : geometry.today > 88 ? ' end' : '';
  return (
    <section className="card timeline" aria-labelledby={id}>
      <h2 id={id}>{t('timeline')}</h2>
      {phases.length > 0 && (
        <div className="track" aria-hidden="true">
          {geometry.segments.map((s, i) => (
            <span key={phases[i]!.id} className={`segment ${phases[i]!.state}`} style={{ left: pct(s.left), width: pct(s.width) }} />
          ))}
          {geometry.today !== null && (
            <span className={`today-marker${labelAlign}`} style={{ left: pct(geometry.today) }}>
              <span className="today-label">{t('today')}</span>
            </span>
          )}
        </div>
      )}
      <p className="sub">{t('todayIs', { date: formatDay(today, lang) })}</p>
      <ol className="phase-list">
        {phases.map((p) => {
          const title = pickLang(lang, p.titleHi, p.titleEn);
          return (
            <li key={p.id} className={`phase-item ${p.state}`} aria-current={p.state === 'now' ? 'step' : undefined}>
              <span className={`badge phase-${p.state}`}>{t(`phase_${p.state}`)}</span> <strong lang={title.lang}>{title.text}</strong>{' '}
              <span className="sub">{formatDays(p.startsOn, p.endsOn, lang)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
