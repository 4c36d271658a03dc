import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { orgMessages } from './messages.ts';
import type { UnitRef } from './types.ts';

/**
 * The chain of units above this one inside the person's area, each a link. The current unit is the heading right
 * below, so it is not repeated: on a 360 px screen the chain then mostly fits on one line.
 */
export function Crumbs({ ancestors, hrefOf }: { ancestors: readonly UnitRef[]; hrefOf(id: number): string }) {
  const t = useT(orgMessages);
  const { lang } = useLang();
  if (ancestors.length === 0) return null;
  return (
    <nav aria-label={t('crumbs')}>
      <ol className="crumbs">
        {ancestors.map((a) => (
          <li key={a.id}>
            <Link href={hrefOf(a.id)}>{nameIn(lang, a)}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
