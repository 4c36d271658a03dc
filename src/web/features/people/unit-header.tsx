import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { Loaded } from '../../lib/use-fetch.ts';
import { LoadError, NotFoundPage, shellMessages } from '../shell/index.ts';
import { peopleMessages } from './messages.ts';
import type { UnitDetail } from './types.ts';

/**
 * What a unit's people screens show until the unit is in: its 404 (outside the person's area), another failure with
 * a retry, or "loading". Null once the unit can be shown.
 */
export function UnitGate({ unit, id }: { unit: Loaded<UnitDetail>; id: string }) {
  const t = useT(peopleMessages);
  const ts = useT(shellMessages);
  if (unit.data && String(unit.data.id) === id) return null;
  if (unit.error?.code === 'not_found') return <NotFoundPage message={t('unitNotFound')} />;
  if (unit.error && !unit.loading) return <LoadError error={unit.error} onRetry={unit.reload} />;
  return <main aria-busy="true">{ts('loading')}</main>;
}

/** The way back to the unit a screen belongs to: "‹ Chandausi" above the title. */
export function BackToUnit({ unit, href }: { unit: { id: number; nameEn: string; nameHi: string }; href?: string }) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  return (
    <nav aria-label={t('backNav')}>
      <ol className="crumbs">
        <li>
          <Link href={href ?? `/units/${unit.id}`}>‹ {nameIn(lang, unit)}</Link>
        </li>
      </ol>
    </nav>
  );
}
