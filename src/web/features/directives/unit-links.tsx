import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { navMessages } from './nav-messages.ts';
import { hasLevelBelow, holdsAt, type HeldPosition } from './permissions.ts';

/**
 * On a unit's page: "issue a directive" from here and "silence periods", for those whose position allows each (the
 * server checks again). Nothing for others.
 */
export function UnitDirectiveLinks({
  unit,
  positions,
  meta,
}: {
  unit: { id: number; level: string; ancestors: ReadonlyArray<{ id: number }>; archived?: boolean };
  positions: readonly HeldPosition[] | undefined;
  meta: { roles: ReadonlyArray<{ code: string; permissions: readonly string[] }>; levels: ReadonlyArray<{ code: string; depth: number }> } | undefined;
}) {
  const t = useT(navMessages);
  if (unit.archived) return null;
  const issue = holdsAt(positions, meta?.roles, unit, 'directives.issue') && hasLevelBelow(meta?.levels, unit.level);
  const silence = holdsAt(positions, meta?.roles, unit, 'silence.manage');
  if (!issue && !silence) return null;
  return (
    <div className="actions unit-directives">
      {issue && (
        <Link className="button secondary" href={`/directives/new?unit=${unit.id}`}>
          {t('issue')}
        </Link>
      )}
      {silence && (
        <Link className="button secondary" href={`/units/${unit.id}/silence`}>
          {t('silence')}
        </Link>
      )}
    </div>
  );
}
