import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { directiveMessages } from './messages.ts';

/** Received / sent-and-following, and the way to issue one: for leaders, who have both sides. */
export function DirectiveTabs({ current, canIssue }: { current: 'inbox' | 'sent'; canIssue: boolean }) {
  const t = useT(directiveMessages);
  const tab = (name: 'inbox' | 'sent', href: string, label: string) => (
    <Link className={current === name ? 'button' : 'button secondary'} href={href} aria-current={current === name ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <nav aria-label={t('tabsLabel')} className="actions directive-tabs">
      {tab('inbox', '/directives', t('tabInbox'))}
      {tab('sent', '/directives/sent', t('tabSent'))}
      {canIssue && (
        <Link className="button secondary new-directive" href="/directives/new">
          + {t('newDirective')}
        </Link>
      )}
    </nav>
  );
}
