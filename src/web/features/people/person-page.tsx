import { Suspense, useState } from 'react';
import { formatDate } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { AttendedEvents } from '../events/index.ts';
import { labelOf, PositionLinks, useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { ConsentCard } from './consent-card.tsx';
import { DataRequests } from './data-requests.tsx';
import { EditPerson } from './edit-person.tsx';
import { peopleMessages } from './messages.ts';
import { ConsentBadges } from './person-row.tsx';
import { RevealPhone } from './reveal-phone.tsx';
import type { Notices, PersonDetail } from './types.ts';
import { BackToUnit } from './unit-header.tsx';

/**
 * A person at /people/:id: details, household, positions, consent with its history, and what the caller's position
 * allows (reveal the number, edit, record or withdraw consent, export their data, erase them): the server sends
 * `can` so only buttons that will work are shown.
 */
export function PersonPage({ id }: { id: string }) {
  const t = useT(peopleMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const online = useOnline();
  const meta = useOrgMeta();
  const person = useFetch<PersonDetail>(`/api/people/${id}`);
  const notices = useFetch<Notices>('/api/notices');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [erased, setErased] = useState<{ name: string; unit: PersonDetail['homeUnit'] }>();

  if (erased) {
    return (
      <main>
        <h1>{t('erasedTitle')}</h1>
        <Banner kind="success">{t('erasedDone', { name: erased.name })}</Banner>
        <p>{t('erasedExplain')}</p>
        {erased.unit && (
          <div className="actions">
            <Link className="button" href={`/units/${erased.unit.id}/people`}>
              {t('backToPeople', { name: nameIn(lang, erased.unit) })}
            </Link>
          </div>
        )}
      </main>
    );
  }

  const p = person.data && String(person.data.id) === id ? person.data : undefined;
  if (!p) {
    if (person.error?.code === 'not_found') return <NotFoundPage message={t('personNotFound')} />;
    if (person.error?.code === 'person_erased') return <NotFoundPage message={t('personErased')} />;
    if (person.error && !person.loading) return <LoadError error={person.error} onRetry={person.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const reload = () => {
    setSaved(false);
    person.reload();
  };
  const sourceKey = `source_${p.source}`;
  const source = sourceKey in peopleMessages.en ? t(sourceKey as keyof typeof peopleMessages.en) : p.source;
  const languages = p.languages.map((l) => (l === 'hi' ? t('langHi') : l === 'en' ? t('langEn') : l)).join(', ');
  return (
    <main>
      {person.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      {p.homeUnit && <BackToUnit unit={p.homeUnit} href={`/units/${p.homeUnit.id}/people`} />}
      <ScreenTitle focusKey={p.id}>{p.name}</ScreenTitle>
      <div className="unit-meta">
        <span className="pill">{p.worker ? t('worker') : t('supporter')}</span>
        {p.ageBand === 'under_18' && <span className="pill child">{t('child')}</span>}
        <ConsentBadges purposes={p.consents} notices={notices.data?.items} />
      </div>
      {p.mergedInto !== null && (
        <Banner kind="offline">
          {t('mergedNotice')} <Link href={`/people/${p.mergedInto}`}>{t('openMerged')}</Link>
        </Banner>
      )}
      {saved && <Banner kind="success">{t('saved')}</Banner>}

      <Card title={t('detailsTitle')}>
        <RevealPhone key={p.id} personId={p.id} masked={p.phoneMasked} canReveal={p.can.reveal && p.mergedInto === null} online={online} />
        <dl className="facts">
          <dt>{t('whatsapp')}</dt>
          <dd>{p.whatsapp ? t('yes') : t('no')}</dd>
          {p.homeUnit && (
            <>
              <dt>{t('homeUnit')}</dt>
              <dd>
                <Link href={`/units/${p.homeUnit.id}`}>{nameIn(lang, p.homeUnit)}</Link>{' '}
                <span className="sub">{labelOf(meta?.levels, p.homeUnit.level, lang)}</span>
              </dd>
            </>
          )}
          <dt>{t('ageBand')}</dt>
          <dd>{p.ageBand ? t(`age_${p.ageBand}`) : t('ageUnknown')}</dd>
          {languages && (
            <>
              <dt>{t('languages')}</dt>
              <dd>{languages}</dd>
            </>
          )}
          {p.tags.length > 0 && (
            <>
              <dt>{t('tags')}</dt>
              <dd>{p.tags.join(', ')}</dd>
            </>
          )}
          {p.notes && (
            <>
              <dt>{t('notes')}</dt>
              <dd className="notes">{p.notes}</dd>
            </>
          )}
          <dt>{t('added')}</dt>
          <dd>
            {formatDate(new Date(p.createdAt), lang)} · {source}
            {p.createdBy && ` · ${t('by', { name: p.createdBy.name })}`}
          </dd>
        </dl>
        {p.can.edit && p.mergedInto === null && !editing && (
          <div className="actions">
            <Button
              variant="secondary"
              disabled={!online}
              onClick={() => {
                setEditing(true);
                setSaved(false);
              }}
            >
              {t('edit')}
            </Button>
          </div>
        )}
        {editing && (
          <EditPerson
            person={p}
            online={online}
            onCancel={() => setEditing(false)}
            onDone={() => {
              setEditing(false);
              person.reload();
              setSaved(true);
            }}
          />
        )}
      </Card>

      {p.household.length > 0 && (
        <Card title={t('householdTitle')}>
          <p className="hint">{t('householdHint')}</p>
          <ul className="list">
            {p.household.map((h) => (
              <li key={h.id}>
                <Link href={`/people/${h.id}`}>
                  <span className="grow">{h.name}</span>
                  <span aria-hidden="true">›</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {p.positions.length > 0 && (
        <Card title={t('positionsTitle')}>
          <PositionLinks positions={p.positions} />
        </Card>
      )}

      {/* Attendance flows into the record: the events this person was marked present at. */}
      <Suspense fallback={null}>
        <AttendedEvents personId={p.id} />
      </Suspense>

      <ConsentCard person={p} notices={notices.data?.items} online={online} onChanged={reload} />
      {/* A merged record's data requests go through the record it was merged into (its export covers both). */}
      {p.mergedInto === null && <DataRequests person={p} online={online} onErased={() => setErased({ name: p.name, unit: p.homeUnit })} />}
    </main>
  );
}
