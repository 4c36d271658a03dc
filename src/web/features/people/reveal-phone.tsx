import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatPhone } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { ErrorBanner, useAction } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import { MaskedPhone } from './person-row.tsx';
import type { RevealedPhone } from './types.ts';

/**
 * The masked number, and for a role that may see it, a tap that shows it whole with call and WhatsApp links. Every
 * reveal is written to the audit log, and the screen says so before and after. The number lives only in this
 * component's memory: it is not cached (the reveal is a POST) and goes when the screen closes.
 */
export function RevealPhone({ personId, masked, canReveal, online }: { personId: number; masked: string | null; canReveal: boolean; online: boolean }) {
  const t = useT(peopleMessages);
  const { busy, error, run } = useAction();
  const [shown, setShown] = useState<RevealedPhone>();

  async function reveal() {
    const r = await run(() => api<RevealedPhone>('POST', `/api/people/${personId}/reveal`));
    if (r.ok) setShown(r.value.data);
  }

  if (shown?.phone) {
    return (
      <div className="revealed">
        <p className="big-phone" dir="ltr" translate="no">
          {formatPhone(shown.phone)}
        </p>
        <div className="actions">
          <a className="button" href={`tel:${shown.phone}`}>
            {t('call')}
          </a>
          {shown.whatsappLink && (
            <a className="button secondary" href={shown.whatsappLink} target="_blank" rel="noopener noreferrer">
              {t('openWhatsapp')}
            </a>
          )}
        </div>
        <p className="hint">{t('revealLogged')}</p>
      </div>
    );
  }
  return (
    <div>
      <p>
        <MaskedPhone masked={masked} />
      </p>
      {canReveal && masked && (
        <>
          <ErrorBanner error={error} />
          <div className="actions">
            <Button variant="secondary" onClick={() => void reveal()} disabled={busy || !online}>
              {busy ? t('working') : t('reveal')}
            </Button>
          </div>
          <p className="hint">{t('revealHint')}</p>
        </>
      )}
    </div>
  );
}
