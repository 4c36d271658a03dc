import { useEffect, useState } from 'react';
import { collatorFor } from '../../lib/collate.ts';
import { asApiError } from '../../lib/api.ts';
import { formatNumber, formatPhone } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { fetchPrivate } from './download.ts';
import { ErrorBanner, useDownload } from './kit.tsx';
import { groupMessages } from './group-messages.ts';
import type { Roster } from './types.ts';

/**
 * A group's roster at /groups/:id/roster: the adults of the group's unit who agreed to be in its WhatsApp group, each
 * with a one-tap wa.me link the admin opens on their own phone to add or invite them; Setu never adds anyone itself.
 * Reading the roster shows whole numbers, so it is audited and never stored on the phone (no cache).
 */
export function RosterPage({ id }: { id: string }) {
  const t = useT(groupMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const online = useOnline();
  const [state, setState] = useState<{ roster?: Roster; error?: ReturnType<typeof asApiError>; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const vcard = useDownload();

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fetchPrivate(`/api/groups/${id}/roster`)
      .then((r) => r.json() as Promise<Roster>)
      .then(
        (roster) => live && setState({ roster, loading: false }),
        (e: unknown) => live && setState({ error: asApiError(e), loading: false }),
      );
    return () => {
      live = false;
    };
  }, [id, tick]);

  const roster = state.roster;
  if (!roster) {
    if (state.error?.code === 'not_found') return <NotFoundPage message={t('groupNotFound')} />;
    if (state.error && !state.loading) return <LoadError error={state.error} onRetry={() => setTick((n) => n + 1)} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const g = roster.group;
  // The whole roster is here unless truncated: then the server's order (by name) is kept, as the rest is not shown.
  const people = roster.truncated ? roster.items : [...roster.items].sort((a, b) => collatorFor(lang).compare(a.name, b.name) || a.personId - b.personId);
  return (
    <main>
      <nav aria-label={t('backNav')}>
        <ol className="crumbs">
          <li>
            <Link href={`/units/${g.unit.id}/groups`}>‹ {t('title', { name: nameIn(lang, g.unit) })}</Link>
          </li>
        </ol>
      </nav>
      <ScreenTitle focusKey={g.id}>{t('rosterTitle', { name: g.name })}</ScreenTitle>
      <Banner kind="offline">{t('rosterNote')}</Banner>
      <p className="hint">{g.purpose === 'workers' ? t('rosterWhoWorkers') : t('rosterWhoPublic')}</p>
      <p className="hint">{t('rosterLogged')}</p>
      <div className="actions">
        {g.inviteLink && (
          <a className="button secondary" href={g.inviteLink} target="_blank" rel="noopener noreferrer">
            {t('openGroup')}
          </a>
        )}
        <Button
          variant="secondary"
          onClick={() => void vcard.save(`/api/groups/${id}/roster.vcf`, `group-${id}.vcf`, 'text/vcard')}
          disabled={vcard.busy || !online || roster.items.length === 0}
        >
          {vcard.busy ? t('working') : t('vcard')}
        </Button>
      </div>
      <ErrorBanner error={vcard.error} />
      {vcard.saved && <Banner kind="success">{t('vcardSaved', { file: vcard.saved })}</Banner>}
      {roster.truncated && <p className="hint">{t('rosterTruncated', { count: formatNumber(roster.items.length, lang) })}</p>}
      <Card title={roster.items.length === 1 ? t('rosterCountOne') : t('rosterCount', { count: formatNumber(roster.items.length, lang) })}>
        {roster.items.length === 0 ? (
          <p className="muted">{t('rosterEmpty')}</p>
        ) : (
          <ul className="list roster">
            {people.map((p) => (
              <li key={p.personId}>
                <div className="row">
                  <span className="grow">
                    <Link href={`/people/${p.personId}`}>
                      <strong>{p.name}</strong>
                    </Link>
                    <br />
                    <span className="sub">
                      <span dir="ltr" translate="no" className="phone">
                        {formatPhone(p.phone)}
                      </span>
                      {p.homeUnit && ` · ${nameIn(lang, p.homeUnit)}`}
                    </span>
                  </span>
                  <a className="button secondary" href={p.waLink} target="_blank" rel="noopener noreferrer" aria-label={t('waLabel', { name: p.name })}>
                    {t('wa')}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </main>
  );
}
