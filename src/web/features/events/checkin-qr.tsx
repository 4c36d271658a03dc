import qrcode from 'qrcode-generator';
import { useEffect, useMemo, useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { formatWhen } from '../../lib/time.ts';
import { Banner } from '../../ui/components.tsx';
import { runMessages } from './run-messages.ts';
import type { CheckinCode } from './types.ts';

/** Modules of white border around the code: the quiet zone a camera needs to find it. */
const QUIET = 4;

/** The QR code of a text as SVG markup, made by the library (no data of ours is written into it but the modules). */
function qrMarkup(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createSvgTag({ cellSize: 1, margin: QUIET, scalable: true });
}

/**
 * The organiser's screen at the door: the event's check-in address as a QR code, fetched again as often as the server
 * says (a new code each minute), with how long the one shown still works. People scan it and open /events/:id/checkin.
 */
export function CheckinQr({ eventId }: { eventId: number }) {
  const t = useT(runMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const [code, setCode] = useState<CheckinCode>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      api<CheckinCode>('GET', `/api/events/${eventId}/checkin-code`).then(
        (r) => {
          if (!live) return;
          setCode(r.data);
          setError(undefined);
          timer = setTimeout(load, Math.max(5_000, r.data.refreshInMs));
        },
        (e: unknown) => {
          if (!live) return;
          setError(asApiError(e));
          // No connection: the code shown may still work for a while; try again soon.
          timer = setTimeout(load, 10_000);
        },
      );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [eventId]);

  const markup = useMemo(() => (code ? qrMarkup(code.url) : ''), [code]);
  return (
    <div className="checkin-qr">
      <p className="hint">{t('qrHint')}</p>
      {code && (
        <>
          <div className="qr" role="img" aria-label={t('qrLabel')} dangerouslySetInnerHTML={{ __html: markup }} />
          <p className="hint" role="status">
            {t('qrValid', { time: formatWhen(code.expiresAt, lang) })}
          </p>
          <details>
            <summary>{t('qrLink')}</summary>
            <input readOnly aria-label={t('qrLink')} value={code.url} onFocus={(e) => e.target.select()} />
          </details>
        </>
      )}
      {error && <Banner kind="error">{te(errorKeyOf(error.code))}</Banner>}
    </div>
  );
}
