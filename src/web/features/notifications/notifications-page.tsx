import { useEffect, useState } from 'react';
import type { MyChannels } from '../../../contracts/delivery.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { EmailCard, SmsCard } from './channels-card.tsx';
import { notificationMessages } from './messages.ts';
import { PushCard } from './push-card.tsx';

/**
 * /settings/notifications — how Setu reaches the person outside the app: Web Push on this device, SMS to their own
 * number, email. Messages go out only for what they consented to; the screen says so.
 */
export function NotificationsPage() {
  const t = useT(notificationMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const { me } = useSession();
  const read = useFetch<MyChannels>('/api/me/channels');
  const [channels, setChannels] = useState<MyChannels>();
  useEffect(() => {
    if (read.data) setChannels(read.data);
  }, [read.data]);

  return (
    <main className="notify">
      {read.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <nav aria-label={t('home')}>
        <ol className="crumbs">
          <li>
            <Link href="/">‹ {t('home')}</Link>
          </li>
        </ol>
      </nav>
      <ScreenTitle>{t('title')}</ScreenTitle>
      <p className="notify-consent">{t('consent')}</p>
      {!online && <p className="hint">{t('offline')}</p>}
      <PushCard personId={me?.person.id ?? 0} online={online} devices={channels?.pushDevices} onChanged={read.reload} />
      {channels ? (
        <>
          <SmsCard channels={channels} online={online} onSaved={setChannels} />
          <EmailCard channels={channels} online={online} onSaved={setChannels} />
        </>
      ) : read.error && !read.loading ? (
        <Banner kind="error">
          {te(errorKeyOf(read.error.code))}{' '}
          <Button variant="secondary" onClick={read.reload}>
            {ts('retry')}
          </Button>
        </Banner>
      ) : (
        <p aria-busy="true">{ts('loading')}</p>
      )}
    </main>
  );
}
