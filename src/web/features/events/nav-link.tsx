import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { navMessages } from './nav-messages.ts';

/** "Events" in the app's header; part of the first load, so it is kept tiny. */
export function EventsNavLink() {
  const t = useT(navMessages);
  return (
    <Link className="nav-link" href="/events">
      {t('events')}
    </Link>
  );
}
