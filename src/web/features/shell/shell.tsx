import type { ReactNode } from 'react';
import { useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { Banner, Button } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { waitingEntries } from '../capture/index.ts';
import { shellMessages } from './messages.ts';

/** The frame of every screen: brand, language switch, sign-out, and the offline notice. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT(shellMessages);
  const { lang, setLang } = useLang();
  const { me, logout } = useSession();
  const online = useOnline();
  return (
    <>
      <header className="shell-header">
        <Link className="brand" href="/">
          {t('brand')}
        </Link>
        <Button variant="secondary" lang={lang === 'hi' ? 'en' : 'hi'} aria-label={t('switchLabel')} onClick={() => setLang(lang === 'hi' ? 'en' : 'hi')}>
          {t('switchTo')}
        </Button>
        {me && (
          <Button
            variant="secondary"
            onClick={async () => {
              const waiting = await waitingEntries(me.person.id).catch(() => 0);
              if (waiting > 0 && !window.confirm(t('logoutWaiting', { count: waiting }))) return;
              await logout();
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
