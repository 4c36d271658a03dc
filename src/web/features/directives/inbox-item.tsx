import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { openAfter, type QueuedAction } from './action-queue.ts';
import { directiveMessages } from './messages.ts';
import { DueBadge, PriorityBadge } from './status-badges.tsx';
import { pickLang } from '../../lib/text.ts';
import { formatWhen } from '../../lib/time.ts';
import type { DirectiveSummary } from './types.ts';

/**
 * One line of the inbox: the title in the reader's language (or the one it was written in), who sent it and when, and
 * what it still needs from the worker. Open ones are bold; what waits on the phone already counts as done.
 */
export function InboxItem({ item, waiting }: { item: DirectiveSummary; waiting: readonly QueuedAction[] }) {
  const t = useT(directiveMessages);
  const { lang } = useLang();
  const title = pickLang(lang, item.titleHi, item.titleEn);
  const open = openAfter(item, waiting);
  const pending = waiting.some((a) => a.directiveId === item.id);
  const mine = item.myUnits > 0;
  const need = item.ask === 'report' ? t('needsReport') : item.ask === 'ack' ? t('needsAck') : t('needsRead');
  return (
    <li className={open > 0 ? 'directive-item open' : 'directive-item'}>
      <Link href={`/directives/${item.id}`}>
        <span className="grow">
          <span className="title" lang={title.lang}>
            {title.text}
          </span>
          <span className="sub">
            {t('from', { unit: nameIn(lang, item.unit) })} · {formatWhen(item.createdAt, lang)}
          </span>
          <span className="badges">
            <PriorityBadge priority={item.priority} />
            <DueBadge dueAt={item.dueAt} open={open > 0} />
            {mine && open > 0 && <span className="badge todo">{item.myUnits > 1 ? t('openCount', { count: open }) : need}</span>}
            {pending && <span className="badge waiting">{t('waitingToSend')}</span>}
            {mine && open === 0 && !pending && <span className="badge done">✓ {item.ask === 'report' ? t('stateDone') : t('stateAcked')}</span>}
            {item.reminded && open > 0 && <span className="badge reminded">{t('reminded')}</span>}
            {item.escalated > 0 && (
              <span className="badge overdue">{item.escalated === 1 ? t('escalatedOne') : t('escalated', { count: item.escalated })}</span>
            )}
          </span>
        </span>
        <span aria-hidden="true">›</span>
      </Link>
    </li>
  );
}
