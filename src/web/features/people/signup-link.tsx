import { useId, useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { Confirm, ErrorBanner, useAction } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import type { MaybeSignupLink, UnitDetail } from './types.ts';

/** Copies text: the Clipboard API where the page may use it, else the old way through a selected field. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the field
  }
  if (!field) return false;
  field.select();
  return document.execCommand('copy');
}

/**
 * The unit's public sign-up link: citizens open it (or scan its QR code), read the notices in their language and join.
 * Those who manage people here make it, copy or share it, and revoke it (the old link stops working at once).
 */
export function SignupLinkCard({ unit, online }: { unit: UnitDetail; online: boolean }) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  const fieldId = useId();
  const path = `/api/units/${unit.id}/signup-link`;
  const link = useFetch<MaybeSignupLink>(path);
  const action = useAction();
  const [revoking, setRevoking] = useState(false);
  const [copied, setCopied] = useState<boolean>();
  const [notice, setNotice] = useState<string>();
  // No link yet answers 404 (or null): both mean "make one".
  const none = link.error?.code === 'not_found' || (link.data === null && !link.error);
  const live = link.data && !link.error ? link.data : undefined;

  async function create() {
    setNotice(undefined);
    const r = await action.run(() => api('POST', path));
    if (r.ok) {
      setNotice(t('signupCreated'));
      link.reload();
    }
  }
  async function revoke() {
    const r = await action.run(() => api('DELETE', path));
    if (r.ok) {
      setRevoking(false);
      setNotice(t('signupRevoked'));
      link.reload();
    }
  }
  async function copy() {
    if (!live) return;
    setCopied(await copyText(live.url, document.getElementById(fieldId) as HTMLInputElement | null));
  }

  const shareText = live ? `${t('signupShareText', { name: nameIn(lang, unit) })} ${live.url}` : '';
  return (
    <Card title={t('signupTitle')} className="signup-card">
      <p className="hint">{t('signupIntro')}</p>
      {notice && <Banner kind="success">{notice}</Banner>}
      {link.error && !none && !link.loading && <ErrorBanner error={link.error} />}
      {none && !link.loading && (
        <>
          <p className="muted">{t('signupNone')}</p>
          <ErrorBanner error={action.error} />
          <div className="actions">
            <Button onClick={() => void create()} disabled={action.busy || !online}>
              {action.busy ? t('working') : t('signupCreate')}
            </Button>
          </div>
        </>
      )}
      {live && (
        <>
          <label htmlFor={fieldId}>{t('signupLinkLabel')}</label>
          <input id={fieldId} readOnly value={live.url} dir="ltr" onFocus={(e) => e.target.select()} />
          <p className="hint">{t('signupSince', { date: formatDate(new Date(live.createdAt), lang) })}</p>
          <div className="actions">
            <Button variant="secondary" onClick={() => void copy()}>
              {t('copy')}
            </Button>
            <a className="button secondary" href={`https://wa.me/?text=${encodeURIComponent(shareText)}`} target="_blank" rel="noopener noreferrer">
              {t('shareWhatsapp')}
            </a>
            {!revoking && (
              <Button variant="secondary" onClick={() => setRevoking(true)} disabled={!online}>
                {t('signupRevoke')}
              </Button>
            )}
          </div>
          <p className="hint" role="status">
            {copied === true ? t('copied') : copied === false ? t('copyFailed') : ''}
          </p>
          {revoking && (
            <Confirm
              question={t('signupRevokeConfirm')}
              yes={t('signupRevokeYes')}
              busyLabel={t('working')}
              busy={action.busy}
              online={online}
              error={action.error}
              onYes={() => void revoke()}
              onCancel={() => setRevoking(false)}
            />
          )}
          <figure className="qr">
            <img src={`${path}/qr.svg?v=${encodeURIComponent(live.token)}`} width={220} height={220} alt={t('qrAlt', { name: nameIn(lang, unit) })} />
            <figcaption className="hint">{t('qrCaption')}</figcaption>
          </figure>
        </>
      )}
    </Card>
  );
}
