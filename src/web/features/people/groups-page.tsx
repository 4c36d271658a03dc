import { useState } from 'react';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { byName } from '../../lib/collate.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { GroupCoverageCard } from './group-coverage-card.tsx';
import { GroupEditor } from './group-editor.tsx';
import { GroupItem } from './group-item.tsx';
import { ErrorBanner } from './kit.tsx';
import { groupMessages } from './group-messages.ts';
import { holdsAt } from './permissions.ts';
import type { GroupCoverage, GroupPurpose, Groups, UnitDetail } from './types.ts';
import { BackToUnit, UnitGate } from './unit-header.tsx';

/**
 * A unit's WhatsApp groups at /units/:id/groups: the groups registered here (people run them on their own phones;
 * Setu only records them and their reported size), adding one, and, above booth level, how well the booths and
 * shakti kendras below are covered, with the gaps.
 */
export function GroupsPage({ id }: { id: string }) {
  const t = useT(groupMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const groups = useFetch<Groups>(`/api/units/${id}/groups?includeArchived=true`);
  const level = unit.data?.level;
  const isBooth = level === 'booth';
  // Every booth and shakti kendra should have both groups; above them, groups are optional and coverage is the point.
  const shouldHaveBoth = level === 'booth' || level === 'shakti_kendra';
  const coverage = useFetch<GroupCoverage>(unit.data && String(unit.data.id) === id && !isBooth ? `/api/units/${id}/group-coverage` : null);
  const [adding, setAdding] = useState<GroupPurpose>();
  const [notice, setNotice] = useState<string>();
  const [showArchived, setShowArchived] = useState(false);

  const gate = <UnitGate unit={unit} id={id} />;
  const u = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  if (!u) return gate;

  const mayManage = holdsAt(me?.positions, meta?.roles, u, 'people.manage');
  // Workers' groups first, then public ones (as the server sends them), each by name in the reader's order.
  const byNameHere = byName(lang, (g: Groups['items'][number]) => g.name);
  const all = [...(groups.data?.items ?? [])].sort((a, b) => (a.purpose === b.purpose ? byNameHere(a, b) : a.purpose < b.purpose ? 1 : -1));
  const live = all.filter((g) => !g.archived);
  const archived = all.filter((g) => g.archived);
  const has = (p: GroupPurpose) => live.some((g) => g.purpose === p);
  const changed = (message: string) => {
    setNotice(message);
    groups.reload();
    coverage.reload();
  };

  return (
    <main>
      {(unit.fromCache || groups.fromCache || coverage.fromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <BackToUnit unit={u} />
      <ScreenTitle focusKey={u.id}>{t('title', { name: nameIn(lang, u) })}</ScreenTitle>
      <p className="hint">{t('intro')}</p>
      {notice && <Banner kind="success">{notice}</Banner>}
      {!isBooth && !shouldHaveBoth && <GroupCoverageCard coverage={coverage} unitName={nameIn(lang, u)} />}

      <Card title={t('hereTitle')} className="groups-card">
        {groups.error && !groups.loading && <ErrorBanner error={groups.error} />}
        {groups.loading && !groups.data && <p aria-busy="true">{ts('loading')}</p>}
        {groups.data && live.length === 0 && <p className="muted">{t('noGroups')}</p>}
        {groups.data && shouldHaveBoth && (!has('workers') || !has('public')) && (
          <p className="gap bad">{!has('workers') && !has('public') ? t('needsBoth') : !has('workers') ? t('needsWorkers') : t('needsPublic')}</p>
        )}
        {live.length > 0 && (
          <ul className="list groups">
            {live.map((g) => (
              <GroupItem key={g.id} group={g} unitId={u.id} online={online} onChanged={changed} />
            ))}
          </ul>
        )}
        {mayManage && !adding && (
          <div className="actions">
            <Button
              disabled={!online}
              onClick={() => {
                setAdding(has('workers') && !has('public') ? 'public' : 'workers');
                setNotice(undefined);
              }}
            >
              {t('addGroup')}
            </Button>
          </div>
        )}
        {mayManage && adding && (
          <GroupEditor
            unitId={u.id}
            purpose={adding}
            online={online}
            onCancel={() => setAdding(undefined)}
            onDone={(g) => {
              setAdding(undefined);
              changed(t('added', { name: g?.name ?? '' }));
            }}
          />
        )}
        {archived.length > 0 && (
          <div className="actions">
            <Button variant="secondary" onClick={() => setShowArchived(!showArchived)} aria-expanded={showArchived}>
              {showArchived ? t('hideArchived') : t('showArchived', { count: archived.length })}
            </Button>
          </div>
        )}
        {showArchived && archived.length > 0 && (
          <ul className="list groups archived-groups">
            {archived.map((g) => (
              <GroupItem key={g.id} group={g} unitId={u.id} online={online} onChanged={changed} />
            ))}
          </ul>
        )}
      </Card>
      <p className="hint">{t('neverDrives')}</p>

      {!isBooth && shouldHaveBoth && <GroupCoverageCard coverage={coverage} unitName={nameIn(lang, u)} />}
    </main>
  );
}
