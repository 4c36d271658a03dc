import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { labelOf, type OrgMeta } from '../org/index.ts';
import { canDrill, completeOf } from './coverage-math.ts';
import { ProgressBar } from './progress-bar.tsx';
import { progressMessages } from './progress-messages.ts';
import type { Ask, Coverage } from './types.ts';

type Child = Coverage['children'][number];

/** A unit below with its figures and bar; tapping it opens the same view one level down, down to the booths. */
export function CoverageRow({ directiveId, ask, child, meta }: { directiveId: number; ask: Ask; child: Child; meta: OrgMeta | undefined }) {
  const t = useT(progressMessages);
  const { lang } = useLang();
  const num = (n: number) => formatNumber(n, lang);
  const name = nameIn(lang, child.unit);
  const heading = (
    <span className="grow">
      <strong>{name}</strong> <span className="sub">{labelOf(meta?.levels, child.unit.level, lang)}</span>
    </span>
  );
  return (
    <li>
      {canDrill(child) ? (
        <Link className="cov-name" href={`/directives/${directiveId}/coverage/${child.unit.id}`}>
          {heading}
          <span aria-hidden="true">›</span>
        </Link>
      ) : (
        <div className="row cov-name">{heading}</div>
      )}
      <div className="cov-figures">
        <span>
          {ask === 'report'
            ? t('childFiguresReport', { done: num(child.done), acked: num(child.acked), targets: num(child.targets) })
            : t('childFigures', { acked: num(child.acked), targets: num(child.targets) })}
        </span>
        {child.overdue > 0 && <span className="gap bad">{t('childOverdue', { count: num(child.overdue) })}</span>}
      </div>
      <ProgressBar
        ask={ask}
        progress={child}
        label={t('barLabel', { name, complete: num(completeOf(ask, child)), targets: num(child.targets), overdue: num(child.overdue) })}
      />
    </li>
  );
}
