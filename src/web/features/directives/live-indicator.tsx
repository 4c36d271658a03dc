import { useLang, useT } from '../../lib/i18n.tsx';
import { progressMessages } from './progress-messages.ts';
import { formatWhen } from '../../lib/time.ts';
import type { LiveState } from './use-coverage-stream.ts';

/** Whether the figures are moving by themselves, and as of when; announced politely as it changes. */
export function LiveIndicator({ live, at }: { live: LiveState; at: string | undefined }) {
  const t = useT(progressMessages);
  const { lang } = useLang();
  const text = live === 'live' ? t('live') : live === 'connecting' ? t('connecting') : live === 'reconnecting' ? t('reconnecting') : t('notLive');
  return (
    <p className={`live-indicator ${live}`} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      <span>{text}</span>
      {at && <span className="sub"> · {t('updatedAt', { time: formatWhen(at, lang) })}</span>}
    </p>
  );
}
