import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useDirectiveBadge } from './badge.ts';
import { navMessages } from './nav-messages.ts';

/** "Directives" in the app's header, with how many need the worker; part of the first load, so it is kept tiny. */
export function DirectivesNavLink() {
  const t = useT(navMessages);
  const count = useDirectiveBadge();
  return (
    <Link className="nav-link" href="/directives" aria-label={count > 0 ? t('badgeLabel', { count }) : undefined}>
      {t('directives')}
      {count > 0 && (
        <span className="nav-badge" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
