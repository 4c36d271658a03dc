import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { navMessages } from './nav-messages.ts';

/** "Campaigns" in the app's header; part of the first load, so it is kept tiny. */
export function CampaignsNavLink() {
  const t = useT(navMessages);
  return (
    <Link className="nav-link" href="/campaigns">
      {t('campaigns')}
    </Link>
  );
}
