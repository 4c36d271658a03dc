import { useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { Confirm } from '../../ui/confirm.tsx';
import { useSession } from '../auth/index.ts';
import { labelOf, useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { holdsAt } from './permissions.ts';
import { SilenceForm } from './silence-form.tsx';
import { silenceMessages } from './silence-messages.ts';
import { silenceStatus, sortSilences } from './silence.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Silence, Silences, UnitDetail } from './types.ts';

/**
 * /units/:id/silence — the silence periods that touch a unit (declared for it, below it or above it), and, for those
 * whose position allows it, declaring one and cancelling one.
 */
export function SilencePage({ id }: { id: string }) {
  const t = useT(silenceMessages);
  const ts = useT(shellMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const list = useFetch<Silences>(`/api/units/${id}/silence-periods`);
  const [asking, setAsking] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const u = unit.data && String(unit.data.id) === id ? unit.data : undefined;

  if (!u) {
    if (unit.error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (unit.error && !unit.loading) return <LoadError error={unit.error} onRetry={unit.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const positions = me?.positions;
  const mayManageHere = holdsAt(positions, meta?.roles, u, 'silence.manage');
  const depthOf = (level: string) => meta?.levels.find((l) => l.code === level)?.depth ?? 0;
  /** Below or at this unit: managing here is enough; above it, a position at or above that unit is needed. */
  const mayCancel = (s: Silence) => {
    if (s.unit.id === u.id || depthOf(s.unit.level) > depthOf(u.level)) return mayManageHere;
    const at = u.ancestors.findIndex((a) => a.id === s.unit.id);
    return at >= 0 && holdsAt(positions, meta?.roles, { id: s.unit.id, ancestors: u.ancestors.slice(0, at) }, 'silence.manage');
  };

  async function cancel(s: Silence) {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/silence-periods/${s.id}/cancel`);
      setAsking(undefined);
      setNotice(t('cancelled'));
      list.reload();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const items = sortSilences(list.data?.items ?? []);
  return (
    <main>
      {(unit.fromCache || list.fromCache) && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <nav aria-label={ts('home')}>
        <ol className="crumbs">
          <li>
            <Link href={`/units/${u.id}`}>‹ {nameIn(lang, u)}</Link>
          </li>
        </ol>
      </nav>
      <ScreenTitle focusKey={u.id}>{t('title', { name: nameIn(lang, u) })}</ScreenTitle>
      <p className="hint">{t('intro')}</p>
      {notice && <Banner kind="success">{notice}</Banner>}
      {mayManageHere && !online && <p className="hint">{t('offline')}</p>}

      <Card title={t('list')}>
        {list.error && !list.loading && <Banner kind="error">{te(errorKeyOf(list.error.code))}</Banner>}
        {list.data && items.length === 0 && <p className="muted">{t('none')}</p>}
        {items.length > 0 && (
          <ul className="list silences">
            {items.map((s) => {
              const status = silenceStatus(s);
              const name = nameIn(lang, s.unit);
              return (
                <li key={s.id} className={`silence ${status}`}>
                  <p className="row-top">
                    <span className={`badge silence-${status}`}>{t(`status_${status}`)}</span> <strong>{t('declaredAt', { name })}</strong>{' '}
                    <span className="sub">{labelOf(meta?.levels, s.unit.level, lang)}</span>
                  </p>
                  <p>{t('span', { from: formatWhen(s.startsAt, lang), to: formatWhen(s.endsAt, lang) })}</p>
                  <p className="sub">{s.reason}</p>
                  {(status === 'active' || status === 'upcoming') &&
                    mayCancel(s) &&
                    (asking === s.id ? (
                      <Confirm
                        className="confirm"
                        question={t('cancelQuestion', { name })}
                        yes={t('cancelYes')}
                        busyLabel={t('cancelling')}
                        cancel={t('back')}
                        busy={busy}
                        online={online}
                        onYes={() => void cancel(s)}
                        onCancel={() => setAsking(undefined)}
                      >
                        {error && <Banner kind="error">{te(errorKeyOf(error.code))}</Banner>}
                      </Confirm>
                    ) : (
                      <div className="actions">
                        <Button variant="secondary" onClick={() => (setAsking(s.id), setError(undefined), setNotice(undefined))} disabled={!online}>
                          {t('cancel')}
                        </Button>
                      </div>
                    ))}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      {mayManageHere && (
        <SilenceForm
          unitId={u.id}
          online={online}
          onDone={() => {
            setNotice(t('declared'));
            list.reload();
          }}
        />
      )}
    </main>
  );
}
