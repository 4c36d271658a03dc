import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Card } from '../../ui/components.tsx';
import { notificationLinkMessages } from './link-messages.ts';

/** The home page's way to the notification settings. */
export function NotificationsHomeCard() {
  const t = useT(notificationLinkMessages);
  return (
    <Card title={t('title')}>
      <p className="hint">{t('hint')}</p>
      <div className="actions">
        <Link className="button secondary" href="/settings/notifications">
          {t('open')}
        </Link>
      </div>
    </Card>
  );
}
