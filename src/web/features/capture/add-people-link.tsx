import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { captureLinkMessages } from './messages.ts';

/** The way into the door-to-door form for a unit (usually a booth), for the unit's page. */
export function AddPeopleLink({ unitId, className = 'button secondary' }: { unitId: number | string; className?: string }) {
  const t = useT(captureLinkMessages);
  return (
    <Link className={className} href={`/units/${unitId}/capture`}>
      {t('addPeople')}
    </Link>
  );
}
