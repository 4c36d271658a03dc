import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { Confirm, ErrorBanner, useAction } from './kit.tsx';
import { pairKey } from './duplicates.ts';
import { peopleMessages } from './messages.ts';
import { ConsentBadges, MaskedPhone } from './person-row.tsx';
import type { DuplicatePair, DuplicatesList, Notices, PersonSummary, UnitDetail } from './types.ts';
import { BackToUnit, UnitGate } from './unit-header.tsx';

/**
 * Likely duplicates among a unit's people at /units/:id/duplicates: each pair with why it was suggested and how alike
 * the names are. "Merge into" keeps one record (either way round) and moves the other's consents, positions and
 * groups to it, keeping history; "not the same person" (a household sharing a phone, namesakes) stops the suggestion.
 */
export function DuplicatesPage({ id }: { id: string }) {
  const t = useT(peopleMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const online = useOnline();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const pairs = useFetch<DuplicatesList>(`/api/units/${id}/duplicates`);
  const notices = useFetch<Notices>('/api/notices');
  const [settled, setSettled] = useState<Record<string, string>>({});

  const gate = <UnitGate unit={unit} id={id} />;
  const u = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  if (!u) return gate;

  const items = pairs.data?.items ?? [];
  const open = items.filter((p) => !settled[pairKey(p)]);
  const done = Object.values(settled);
  return (
    <main>
      {(unit.fromCache || pairs.fromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <BackToUnit unit={u} href={`/units/${u.id}/people`} />
      <ScreenTitle focusKey={u.id}>{t('duplicatesTitle', { name: nameIn(lang, u) })}</ScreenTitle>
      <p className="hint">{t('duplicatesIntro')}</p>
      {done.length > 0 && (
        <div role="status">
          {done.map((d, i) => (
            <Banner key={i} kind="success">
              {d}
            </Banner>
          ))}
        </div>
      )}
      {pairs.error && !pairs.loading && <ErrorBanner error={pairs.error} />}
      {pairs.loading && !pairs.data && <p aria-busy="true">{ts('loading')}</p>}
      {pairs.data && pairs.data.pending > 0 && (
        <p role="status" className="hint">
          {t('duplicatesPending', { count: formatNumber(pairs.data.pending, lang) })}
        </p>
      )}
      {pairs.data && open.length === 0 && <p className="muted">{t('noDuplicates')}</p>}
      {open.map((pair) => (
        <PairCard
          key={pairKey(pair)}
          pair={pair}
          notices={notices.data?.items}
          online={online}
          onSettled={(message) => {
            setSettled((s) => ({ ...s, [pairKey(pair)]: message }));
            // A merge can end other suggestions that named the merged record: ask again.
            pairs.reload();
          }}
        />
      ))}
    </main>
  );
}

type Choice = { kind: 'merge'; from: PersonSummary; into: PersonSummary } | { kind: 'different' };

function PairCard({
  pair,
  notices,
  online,
  onSettled,
}: {
  pair: DuplicatePair;
  notices: Notices['items'] | undefined;
  online: boolean;
  onSettled(message: string): void;
}) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  const [choice, setChoice] = useState<Choice>();
  const { busy, error, run, clear } = useAction();
  const reason = pair.reason === 'same_phone_similar_name' ? t('reasonSamePhone') : t('reasonSameBooth');

  async function go() {
    if (!choice) return;
    if (choice.kind === 'merge') {
      const r = await run(() => api('POST', `/api/people/${choice.from.id}/merge`, { intoId: choice.into.id }));
      if (r.ok) onSettled(t('merged', { from: choice.from.name, into: choice.into.name }));
    } else {
      const r = await run(() => api('POST', '/api/people/not-duplicates', { a: pair.a.id, b: pair.b.id }));
      if (r.ok) onSettled(t('markedDifferent', { a: pair.a.name, b: pair.b.name }));
    }
  }
  const pick = (c: Choice) => {
    clear();
    setChoice(c);
  };

  return (
    <Card title={t('pairTitle', { a: pair.a.name, b: pair.b.name })} className="pair">
      <p className="sub">
        {reason} · {t('similarity', { percent: formatPercent(pair.score, lang) })}
      </p>
      <div className="pair-people">
        {[pair.a, pair.b].map((p) => (
          <div key={p.id} className="pair-person">
            <Link href={`/people/${p.id}`}>
              <strong>{p.name}</strong>
            </Link>
            <br />
            <span className="sub">
              <MaskedPhone masked={p.phoneMasked} />
              {p.homeUnit && ` · ${nameIn(lang, p.homeUnit)}`}
              {p.worker && ` · ${t('worker')}`}
            </span>
            <span className="badges">
              <ConsentBadges purposes={p.consents} notices={notices} />
            </span>
          </div>
        ))}
      </div>
      {!choice && (
        <div className="actions">
          <Button variant="secondary" disabled={!online} onClick={() => pick({ kind: 'merge', from: pair.b, into: pair.a })}>
            {t('mergeInto', { name: pair.a.name })}
          </Button>
          <Button variant="secondary" disabled={!online} onClick={() => pick({ kind: 'merge', from: pair.a, into: pair.b })}>
            {t('mergeInto', { name: pair.b.name })}
          </Button>
          <Button variant="secondary" disabled={!online} onClick={() => pick({ kind: 'different' })}>
            {t('notSame')}
          </Button>
        </div>
      )}
      {choice && (
        <Confirm
          question={choice.kind === 'merge' ? t('mergeConfirm', { from: choice.from.name, into: choice.into.name }) : t('notSameConfirm')}
          yes={choice.kind === 'merge' ? t('mergeYes') : t('notSameYes')}
          busyLabel={t('working')}
          busy={busy}
          online={online}
          error={error}
          onYes={() => void go()}
          onCancel={() => setChoice(undefined)}
        />
      )}
    </Card>
  );
}
