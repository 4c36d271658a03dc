import type { UnitRef } from '../../../contracts/org.ts';
import { nameIn, useLang } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { labelOf, roleLabel, useOrgMeta } from './meta.ts';

/** Someone's positions, each a link to its unit: the role (and department), then the unit and its level. */
export function PositionLinks({ positions }: { positions: ReadonlyArray<{ positionId: number; role: string; department: string | null; unit: UnitRef }> }) {
  const { lang } = useLang();
  const meta = useOrgMeta();
  return (
    <ul className="list">
      {positions.map((p) => (
        <li key={p.positionId}>
          <Link href={`/units/${p.unit.id}`}>
            <span className="grow">
              <strong>{roleLabel(meta, p.role, p.department, lang)}</strong>
              <br />
              <span className="sub">
                {nameIn(lang, p.unit)} · {labelOf(meta?.levels, p.unit.level, lang)}
              </span>
            </span>
            <span aria-hidden="true">›</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
