import { useEffect, useRef, useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Banner } from '../../ui/components.tsx';
import { ScreenTitle } from '../shell/index.ts';
import { tokenFromHash } from './checkin-link.ts';
import { eventMessages } from './messages.ts';
import type { CheckinResult } from './types.ts';

/**
 * /events/:id/checkin#t=… — what a scanned check-in QR opens (after signing in, if need be): the code is sent once,
 * taken out of the address (a reload or a shared link does not send it again), and the answer said plainly.
 */
export function CheckinPage({ id }: { id: string }) {
  const t = useT(eventMessages);
  const te = useT(errorMessages);
  const [token] = useState(() => tokenFromHash(location.hash));
  const [result, setResult] = useState<CheckinResult>();
  const [error, setError] = useState<ApiError>();
  const sent = useRef(false);

  useEffect(() => {
    if (location.hash) history.replaceState(history.state, '', location.pathname);
    if (!token || sent.current) return;
    sent.current = true;
    api<CheckinResult>('POST', `/api/events/${id}/checkin`, { token }).then(
      (r) => setResult(r.data),
      (e: unknown) => setError(asApiError(e)),
    );
  }, [id, token]);

  return (
    <main className="checkin">
      <ScreenTitle>{t('checkinTitle')}</ScreenTitle>
      {!token ? (
        <Banner kind="error">{t('noCode')}</Banner>
      ) : result ? (
        <>
          <Banner kind="success">{result.already ? t('alreadyIn') : t('checkedIn')}</Banner>
          {result.guest && <p className="hint">{t('checkedInGuest')}</p>}
        </>
      ) : error ? (
        <Banner kind="error">{te(errorKeyOf(error.code))}</Banner>
      ) : (
        <p aria-busy="true" role="status">
          {t('checkingIn')}
        </p>
      )}
      {/* A guest may not open the event: no link to a page that would answer "not found". */}
      {!result?.guest && (
        <div className="actions">
          <Link className="button" href={`/events/${id}`}>
            {t('openThisEvent')}
          </Link>
        </div>
      )}
    </main>
  );
}
