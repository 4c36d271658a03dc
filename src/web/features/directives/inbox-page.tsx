import { useEffect } from 'react';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Banner, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, ScreenTitle, shellMessages } from '../shell/index.ts';
import { useCachedRead } from './cached-read.ts';
import { DirectiveTabs } from './directive-tabs.tsx';
import { InboxItem } from './inbox-item.tsx';
import { acceptInbox } from './inbox-sync.ts';
import { directiveMessages } from './messages.ts';
import { holdsAnywhere } from './permissions.ts';
import { cacheKeys } from './store.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Inbox } from './types.ts';
import { useActions } from './use-actions.ts';
import { useStarted } from './use-started.ts';
import { WaitingPanel } from './waiting-panel.tsx';

/** /directives — what has reached the worker's units, newest first; readable offline from the phone's copy. */
export function InboxPage() {
  const t = useT(directiveMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const meta = useOrgMeta();
  const personId = me?.person.id ?? 0;
  useStarted(me?.person.id);
  const actions = useActions();
  const inbox = useCachedRead<Inbox>('/api/directives?view=inbox', cacheKeys.inbox(personId), actions.version);
  const canIssue = holdsAnywhere(me?.positions, meta?.roles, 'directives.issue');

  useEffect(() => {
    // The badge follows what this screen shows.
    if (inbox.data) acceptInbox(personId, inbox.data);
  }, [inbox.data, personId]);

  if (!inbox.data && inbox.error && !inbox.loading) return <LoadError error={inbox.error} onRetry={inbox.reload} />;
  return (
    <main>
      {inbox.fromCache && <Banner kind="offline">{inbox.savedAt ? t('savedCopy', { time: formatWhen(inbox.savedAt, lang) }) : ts('fromCache')}</Banner>}
      <ScreenTitle>{t('inboxTitle')}</ScreenTitle>
      {canIssue && <DirectiveTabs current="inbox" canIssue={canIssue} />}
      <WaitingPanel />
      {!inbox.data ? (
        <p aria-busy="true">{ts('loading')}</p>
      ) : inbox.data.items.length === 0 ? (
        <Card>
          <p className="muted">{t('inboxEmpty')}</p>
        </Card>
      ) : (
        <ul className="list directive-list card" aria-busy={inbox.loading || undefined}>
          {inbox.data.items.map((item) => (
            <InboxItem key={item.id} item={item} waiting={actions.waiting} />
          ))}
        </ul>
      )}
    </main>
  );
}
