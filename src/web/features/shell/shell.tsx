import type { ReactNode } from 'react';
import { useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { Banner, Button } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { waitingEntries } from '../capture/index.ts';
import { directiveNavMessages, DirectivesNavLink, forgetDirectives, waitingDirectiveActions } from '../directives/index.ts';
import { CampaignsNavLink } from '../campaigns/index.ts';
import { eventNavMessages, EventsNavLink, waitingEventMarks } from '../events/index.ts';
import { forgetPushOnThisDevice } from '../notifications/index.ts';
import { shellMessages } from './messages.ts';

/** The frame of every screen: brand, language switch, sign-out, and the offline notice. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT(shellMessages);
  const td = useT(directiveNavMessages);
  const tv = useT(eventNavMessages);
  const { lang, setLang } = useLang();
  const { me, logout } = useSession();
  const online = useOnline();
  return (
    <>
      <header className={me ? 'shell-header with-nav' : 'shell-header'}>
        <Link className="brand" href="/">
          {t('brand')}
        </Link>
        {me && (
          <nav aria-label={t('mainNav')} className="shell-nav">
            <DirectivesNavLink />
            <EventsNavLink />
            <CampaignsNavLink />
          </nav>
        )}
        <Button variant="secondary" lang={lang === 'hi' ? 'en' : 'hi'} aria-label={t('switchLabel')} onClick={() => setLang(lang === 'hi' ? 'en' : 'hi')}>
          {t('switchTo')}
        </Button>
        {me && (
          <Button
            variant="secondary"
            onClick={async () => {
              const waiting = await waitingEntries(me.person.id).catch(() => 0);
              if (waiting > 0 && !window.confirm(t('logoutWaiting', { count: waiting }))) return;
              const actions = await waitingDirectiveActions(me.person.id).catch(() => 0);
              if (actions > 0 && !window.confirm(td('logoutWaiting', { count: actions }))) return;
              const marks = await waitingEventMarks(me.person.id).catch(() => 0);
              if (marks > 0 && !window.confirm(tv('logoutWaiting', { count: marks }))) return;
              // A shared phone: the next person must not get this one's messages. Best effort, a few seconds at most,
              // and before the session ends (telling the server needs it).
              await forgetPushOnThisDevice();
              await logout();
              // Their copies of directives leave a shared phone with the session (what waits to be sent stays).
              await forgetDirectives(me.person.id).catch(() => {});
              navigate('/', { replace: true });
            }}
          >
            {t('logout')}
          </Button>
        )}
      </header>
      {!online && (
        <div style={{ maxWidth: 760, margin: '0 auto', padding: '0 12px' }}>
          <Banner kind="offline">{t('offline')}</Banner>
        </div>
      )}
      {children}
    </>
  );
}
