import { useMemo, useState } from 'react';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { Loaded } from '../../lib/use-fetch.ts';
import { Bar, Button, Card } from '../../ui/components.tsx';
import { labelOf, useOrgMeta } from '../org/index.ts';
import { groupShare, missingGroups, shareOf, sortGroupCoverage, toneOf } from './group-coverage.ts';
import { ErrorBanner } from './kit.tsx';
import { groupMessages } from './group-messages.ts';
import type { GroupCoverage, GroupCoverageRow } from './types.ts';

/** Gaps listed before "show more": a district has hundreds, and a phone screen is short. */
const GAPS_SHOWN = 10;

/** "12 of 20 booths" with a bar, for one kind of group at one kind of unit. */
function Figure({ label, part, whole, name }: { label: string; part: number; whole: number; name: string }) {
  const t = useT(groupMessages);
  const { lang } = useLang();
  const share = shareOf(part, whole);
  const text = t('figure', { label, part: formatNumber(part, lang), whole: formatNumber(whole, lang), percent: formatPercent(share, lang) });
  return (
    <div className="cov-figure">
      <span>{text}</span>
      <Bar ratio={share} tone={toneOf(share)} label={`${name}: ${text}`} />
    </div>
  );
}

/** The four figures of one row: booths and shakti kendras, each with a workers' group and a public group. */
function Figures({ row, name }: { row: GroupCoverageRow; name: string }) {
  const t = useT(groupMessages);
  return (
    <>
      {row.booths > 0 && (
        <>
          <Figure name={name} label={t('boothsWorkers')} part={row.boothsWithWorkers} whole={row.booths} />
          <Figure name={name} label={t('boothsPublic')} part={row.boothsWithPublic} whole={row.booths} />
        </>
      )}
      {row.shaktiKendras > 0 && (
        <>
          <Figure name={name} label={t('skWorkers')} part={row.shaktiKendrasWithWorkers} whole={row.shaktiKendras} />
          <Figure name={name} label={t('skPublic')} part={row.shaktiKendrasWithPublic} whole={row.shaktiKendras} />
        </>
      )}
    </>
  );
}

/**
 * WhatsApp-group coverage below a unit: how many of its booths and shakti kendras have a workers' group and a public
 * group, child by child (worst first), the members the groups report, and the places with no group yet, each opening
 * that place's groups so one can be added there.
 */
export function GroupCoverageCard({ coverage, unitName }: { coverage: Loaded<GroupCoverage>; unitName: string }) {
  const t = useT(groupMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  const data = coverage.data;
  const children = useMemo(() => sortGroupCoverage(data?.children ?? [], lang), [data, lang]);
  const num = (n: number) => formatNumber(n, lang);
  const [allGaps, setAllGaps] = useState(false);
  const gaps = data ? (allGaps ? data.gaps : data.gaps.slice(0, GAPS_SHOWN)) : [];
  return (
    <>
      <Card title={t('coverageTitle')} className="totals group-coverage">
        {coverage.error && !coverage.loading && <ErrorBanner error={coverage.error} />}
        {coverage.loading && !data && <p aria-busy="true">{t('loading')}</p>}
        {data && (
          <>
            <p className="big">{formatPercent(groupShare(data.total), lang)}</p>
            <p>{t('coverageIntro', { name: unitName })}</p>
            <Figures row={data.total} name={unitName} />
            <p className="sub">{t('groupsMembers', { groups: num(data.total.groups), members: num(data.total.members) })}</p>
          </>
        )}
      </Card>
      {data && children.length > 0 && (
        <Card title={t('childrenTitle')}>
          <ul className="list coverage-list">
            {children.map((c) => {
              const name = nameIn(lang, c.unit);
              const missing = missingGroups(c);
              return (
                <li key={c.unit.id}>
                  <Link className="cov-name" href={`/units/${c.unit.id}/groups`}>
                    <span className="grow">
                      <strong>{name}</strong> <span className="sub">{labelOf(meta?.levels, c.unit.level, lang)}</span>
                    </span>
                    <span aria-hidden="true">›</span>
                  </Link>
                  <div className="cov-figures">
                    <span>{t('groupsMembers', { groups: num(c.groups), members: num(c.members) })}</span>
                    <span className={missing > 0 ? `gap ${toneOf(groupShare(c))}` : 'gap good'}>
                      {missing > 0 ? t('missing', { count: num(missing) }) : t('allHave')}
                    </span>
                  </div>
                  <Bar ratio={groupShare(c)} tone={toneOf(groupShare(c))} label={t('rowBar', { name, percent: formatPercent(groupShare(c), lang) })} />
                  <p className="sub cov-lines">
                    {c.booths > 0 && t('rowBooths', { booths: num(c.booths), workers: num(c.boothsWithWorkers), public: num(c.boothsWithPublic) })}
                    {c.booths > 0 && c.shaktiKendras > 0 && <br />}
                    {c.shaktiKendras > 0 &&
                      t('rowSks', { sks: num(c.shaktiKendras), workers: num(c.shaktiKendrasWithWorkers), public: num(c.shaktiKendrasWithPublic) })}
                  </p>
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      {data && (
        <Card title={t('gapsTitle')}>
          {data.gaps.length === 0 ? (
            <p className="muted">{t('noGaps')}</p>
          ) : (
            <>
              <p className="hint">{t('gapsHint')}</p>
              <ul className="list gaps">
                {gaps.map((g) => (
                  <li key={g.unit.id}>
                    <Link href={`/units/${g.unit.id}/groups`}>
                      <span className="grow">
                        <strong>{nameIn(lang, g.unit)}</strong> <span className="sub">{labelOf(meta?.levels, g.unit.level, lang)}</span>
                        <br />
                        <span className="sub gap bad">
                          {t('gapNeeds', {
                            purposes: g.missing.map((m) => (m === 'workers' ? t('workersGroup') : t('publicGroup'))).join(lang === 'hi' ? ' और ' : ' and '),
                          })}
                        </span>
                      </span>
                      <span aria-hidden="true">›</span>
                    </Link>
                  </li>
                ))}
              </ul>
              {gaps.length < data.gaps.length && (
                <div className="actions">
                  <Button variant="secondary" onClick={() => setAllGaps(true)}>
                    {t('moreGaps', { count: num(data.gaps.length - gaps.length) })}
                  </Button>
                </div>
              )}
              {data.gapsTruncated && gaps.length === data.gaps.length && <p className="hint">{t('gapsTruncated')}</p>}
            </>
          )}
        </Card>
      )}
    </>
  );
}
