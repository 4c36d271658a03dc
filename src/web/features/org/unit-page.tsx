import { useCallback, useMemo, useState } from 'react';
import { api } from '../../lib/api.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { AddPeopleLink } from '../capture/index.ts';
import { UnitDirectiveLinks } from '../directives/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { useBoothCount } from './booth-count.ts';
import { ChildrenList } from './children-list.tsx';
import { Crumbs } from './crumbs.tsx';
import { FormErrorBanner, useSubmit } from './form-kit.tsx';
import { ManageUnit } from './manage-unit.tsx';
import { labelOf, useOrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import { OfficeBearers } from './office-bearers.tsx';
import { grantsAt, NO_GRANTS } from './permissions.ts';
import type { UnitDetail } from './types.ts';
import { UnitSearch } from './unit-search.tsx';

const NO_FIELDS: readonly string[] = [];

/**
 * The organisation browser at /units/:id: where the unit sits (breadcrumbs up to the person's area), its
 * office-bearers, the units below it, a search inside it, and the changes the person's positions allow.
 */
export function UnitPage({ id }: { id: string }) {
  const t = useT(orgMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const boothCount = useBoothCount();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const [childrenVersion, setChildrenVersion] = useState(0);
  const [childrenFromCache, setChildrenFromCache] = useState(false);
  const markChildrenFromCache = useCallback(() => setChildrenFromCache(true), []);
  const restore = useSubmit(NO_FIELDS);
  const [restored, setRestored] = useState(false);
  // The last answer may be for the unit we came from: show it only once it is this one.
  const data = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  const positions = me?.positions;
  const grants = useMemo(() => (data && positions ? grantsAt(positions, meta?.roles, data) : NO_GRANTS), [data, positions, meta]);

  if (!data) {
    if (unit.error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (unit.error && !unit.loading) return <LoadError error={unit.error} onRetry={unit.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const levelName = labelOf(meta?.levels, data.level, lang);
  const isDeepest = meta ? !meta.levels.some((l) => l.depth > (meta.levels.find((x) => x.code === data.level)?.depth ?? Infinity)) : false;

  async function unarchive() {
    const r = await restore.run(() => api('PATCH', `/api/units/${id}`, { archived: false }));
    if (r.ok) {
      setRestored(true);
      unit.reload();
    }
  }

  return (
    <main>
      {(unit.fromCache || childrenFromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <Crumbs ancestors={data.ancestors} hrefOf={(a) => `/units/${a}`} />
      <ScreenTitle focusKey={data.id}>{nameIn(lang, data)}</ScreenTitle>
      <div className="unit-meta">
        <span className="pill">{levelName}</span>
        {!isDeepest && <span>{boothCount(data.booths, true)}</span>}
        {data.archived && <span className="pill archived">{t('archived')}</span>}
        {!isDeepest && (
          <Link className="button secondary coverage-link" href={`/units/${data.id}/coverage`}>
            {t('coverage')}
          </Link>
        )}
        {!data.archived && <AddPeopleLink unitId={data.id} />}
      </div>
      {!data.archived && (
        <div className="actions unit-people">
          <Link className="button secondary" href={`/units/${data.id}/people`}>
            {t('people')}
          </Link>
          <Link className="button secondary" href={`/units/${data.id}/groups`}>
            {t('whatsappGroups')}
          </Link>
        </div>
      )}
      <UnitDirectiveLinks unit={data} positions={me?.positions} meta={meta} />
      {data.archived && (
        <div className="card">
          <p>{t('archivedNotice')}</p>
          <FormErrorBanner error={restore.error} />
          {grants.editUnit && (
            <div className="actions">
              <Button onClick={() => void unarchive()} disabled={restore.busy || !online}>
                {t('restore')}
              </Button>
            </div>
          )}
        </div>
      )}
      {restored && !data.archived && <Banner kind="success">{t('restored')}</Banner>}
      {!isDeepest && <UnitSearch key={data.id} label={t('searchLabel', { name: nameIn(lang, data) })} hint={t('searchHint')} within={data.id} />}
      <OfficeBearers
        key={`bearers-${data.id}`}
        unitId={data.id}
        bearers={data.officeBearers}
        meta={meta}
        canManage={grants.managePositions}
        canImport={grants.importPositions}
        online={online}
        onChanged={unit.reload}
      />
      {!isDeepest && <ChildrenList key={`${data.id}-${childrenVersion}`} unitId={data.id} meta={meta} onFromCache={markChildrenFromCache} />}
      {meta && me && (
        <ManageUnit
          key={`manage-${data.id}`}
          unit={data}
          meta={meta}
          grants={grants}
          positions={me.positions}
          online={online}
          onChildAdded={() => {
            setChildrenVersion((v) => v + 1);
            unit.reload();
          }}
          onUnitChanged={unit.reload}
        />
      )}
    </main>
  );
}
