import { useLang, useT } from '../../lib/i18n.tsx';
import { directiveMessages } from './messages.ts';
import { formatWhen, isPast } from '../../lib/time.ts';
import type { Priority } from './types.ts';

/** Priority and due time as small labels; the words carry the meaning, the colours only repeat it. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const t = useT(directiveMessages);
  if (priority === 'normal') return null;
  return <span className={`badge priority-${priority}`}>{t(`priority_${priority}`)}</span>;
}

/** "Due 10 Nov, 18:00", or "Overdue since …" once it has passed and something is still open. */
export function DueBadge({ dueAt, open }: { dueAt: string | null; open: boolean }) {
  const t = useT(directiveMessages);
  const { lang } = useLang();
  if (!dueAt) return null;
  const time = formatWhen(dueAt, lang);
  if (open && isPast(dueAt)) return <span className="badge overdue">{t('overdueSince', { time })}</span>;
  return <span className="badge due">{t('dueAt', { time })}</span>;
}
