import { useId, useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card, Select } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { AddPeopleLink } from '../capture/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { ErrorBanner, useAction, useDebounced, useDownload } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import { peoplePath, peopleQueryText, type PeopleFilter } from './people-query.ts';
import { holdsAt } from './permissions.ts';
import { PersonRow } from './person-row.tsx';
import { SignupLinkCard } from './signup-link.tsx';
import type { Notices, PeopleList, PersonSummary, UnitDetail } from './types.ts';
import { BackToUnit, UnitGate } from './unit-header.tsx';

/**
 * The people of a unit's subtree at /units/:id/people: found by name in either script, narrowed by consent or by
 * workers and supporters, numbers masked, consent as badges; and the unit's people tools (door-to-door capture,
 * import, export, duplicates, the public sign-up link) for those whose position allows them.
 */
export function PeoplePage({ id }: { id: string }) {
  const t = useT(peopleMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const searchId = useId();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const notices = useFetch<Notices>('/api/notices');
  const [raw, setRaw] = useState('');
  const [consent, setConsent] = useState('');
  const [kind, setKind] = useState<PeopleFilter['kind']>('');
  const q = useDebounced(raw);
  // Clearing the box shows everyone at once; only new text waits for the pause in typing.
  const filter: PeopleFilter = { q: peopleQueryText(raw) ? q : '', consent, kind };
  const path = peoplePath(id, filter);
  const first = useFetch<PeopleList>(path);
  const [more, setMore] = useState<{ forPath: string; items: PersonSummary[]; nextCursor: string | null }>();
  const next = useAction();
  const csv = useDownload();

  const gate = <UnitGate unit={unit} id={id} />;
  const u = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  if (!u) return gate;

  const mine = more?.forPath === path ? more : undefined;
  const pageData = first.data;
  const items = [...(pageData?.items ?? []), ...(mine?.items ?? [])];
  const cursor = mine ? mine.nextCursor : (pageData?.nextCursor ?? null);
  const positions = me?.positions;
  const mayManage = holdsAt(positions, meta?.roles, u, 'people.manage');
  const mayExport = holdsAt(positions, meta?.roles, u, 'people.export');
  const searching = first.loading;
  const filtered = Boolean(filter.q || consent || kind);

  async function loadMore() {
    if (!cursor) return;
    const r = await next.run(() => api<PeopleList>('GET', peoplePath(id, filter, cursor)));
    if (r.ok) setMore({ forPath: path, items: [...(mine?.items ?? []), ...r.value.data.items], nextCursor: r.value.data.nextCursor });
  }

  let status = '';
  if (searching) status = t('searching');
  else if (pageData)
    status =
      items.length === 0
        ? filter.q
          ? t('searchNone', { query: peopleQueryText(filter.q) })
          : filtered
            ? t('noneFiltered')
            : t('nobody')
        : cursor
          ? t('countMore', { count: formatNumber(items.length, lang) })
          : items.length === 1
            ? t('countOne')
            : t('count', { count: formatNumber(items.length, lang) });

  return (
    <main>
      {(unit.fromCache || first.fromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <BackToUnit unit={u} />
      <ScreenTitle focusKey={u.id}>{t('peopleTitle', { name: nameIn(lang, u) })}</ScreenTitle>

      <nav aria-label={t('toolsNav')} className="actions people-tools">
        <AddPeopleLink unitId={u.id} className="button" />
        <Link className="button secondary" href={`/units/${u.id}/groups`}>
          {t('groups')}
        </Link>
      </nav>

      <div role="search" className="search">
        <form onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={searchId}>{t('searchLabel')}</label>
          <p className="hint" id={`${searchId}-hint`}>
            {t('searchHint')}
          </p>
          <input
            id={searchId}
            type="search"
            enterKeyHint="search"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${searchId}-hint`}
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
          />
        </form>
      </div>
      <div className="filters people-filters">
        <Select label={t('consentFilter')} value={consent} onChange={(e) => setConsent(e.target.value)}>
          <option value="">{t('anyConsent')}</option>
          {(notices.data?.items ?? []).map((n) => (
            <option key={n.purpose} value={n.purpose}>
              {lang === 'hi' ? n.titleHi : n.titleEn}
            </option>
          ))}
        </Select>
        <Select label={t('kindFilter')} value={kind} onChange={(e) => setKind(e.target.value as PeopleFilter['kind'])}>
          <option value="">{t('everyone')}</option>
          <option value="worker">{t('workers')}</option>
          <option value="supporter">{t('supporters')}</option>
        </Select>
      </div>

      <Card title={t('listTitle')} className="people-card">
        <p className="hint" role="status">
          {status}
        </p>
        {first.error && !first.loading && <ErrorBanner error={first.error} />}
        {items.length > 0 && (
          <ul className="list people-list" aria-busy={searching || undefined}>
            {items.map((p) => (
              <PersonRow key={p.id} person={p} notices={notices.data?.items} showUnit={u.level !== 'booth'} />
            ))}
          </ul>
        )}
        <ErrorBanner error={next.error} />
        {cursor && !searching && (
          <div className="actions">
            <Button variant="secondary" onClick={() => void loadMore()} disabled={next.busy}>
              {next.busy ? t('loadingMore') : t('loadMore')}
            </Button>
          </div>
        )}
      </Card>

      {(mayManage || mayExport) && (
        <Card title={t('moreTools')}>
          <div className="actions">
            {mayManage && (
              <Link className="button secondary" href={`/units/${u.id}/people/import`}>
                {t('import')}
              </Link>
            )}
            {mayManage && (
              <Link className="button secondary" href={`/units/${u.id}/duplicates`}>
                {t('duplicates')}
              </Link>
            )}
            {mayExport && (
              <Button
                variant="secondary"
                onClick={() => void csv.save(`/api/units/${id}/people/export`, `people-${id}.csv`, 'text/csv')}
                disabled={csv.busy || !online}
              >
                {csv.busy ? t('exporting') : t('exportCsv')}
              </Button>
            )}
          </div>
          {mayExport && <p className="hint">{t('exportHint')}</p>}
          <ErrorBanner error={csv.error} />
          {csv.saved && <Banner kind="success">{t('exported', { file: csv.saved })}</Banner>}
        </Card>
      )}
      {mayManage && <SignupLinkCard unit={u} online={online} />}
    </main>
  );
}
