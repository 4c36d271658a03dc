import { useState } from 'react';
import { asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { shellMessages } from '../shell/index.ts';
import { notificationMessages } from './messages.ts';
import { PushSetupError, turnOffPush, turnOnPush } from './push-actions.ts';
import type { PushState } from './push-state.ts';
import { usePush } from './use-push.ts';

const keep = (e: unknown) => e;
const SETUP_ERRORS = { 'no-worker': 'pushNoWorker', 'bad-key': 'pushBadKey', browser: 'pushBrowserFailed' } as const;
const STATE_TEXT = {
  checking: 'pushChecking',
  'server-off': 'pushServerOff',
  unsupported: 'pushUnsupported',
  blocked: 'pushBlocked',
  on: 'pushOn',
  off: 'pushOff',
} as const satisfies Record<PushState, keyof typeof notificationMessages.en>;

/**
 * Web Push on this device: what it is now (on, off, blocked by the browser, not possible here, or not sent by this
 * server), and the one button that changes it. `devices` is how many of the person's browsers have it on.
 */
export function PushCard({ personId, online, devices, onChanged }: { personId: number; online: boolean; devices: number | undefined; onChanged(): void }) {
  const t = useT(notificationMessages);
  const te = useT(errorMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const push = usePush();
  const { busy, error, run } = useRequest(keep);
  const [dismissed, setDismissed] = useState(false);
  const [turning, setTurning] = useState<'on' | 'off'>();

  async function change(to: 'on' | 'off') {
    setDismissed(false);
    setTurning(to);
    const r = await run(() => (to === 'on' ? turnOnPush(push.publicKey ?? '', personId) : turnOffPush().then(() => 'off' as const)));
    setTurning(undefined);
    if (r.ok && r.value === 'dismissed') setDismissed(true);
    push.refresh();
    if (r.ok) onChanged();
  }

  const { state } = push;
  const errorText = error === undefined ? undefined : error instanceof PushSetupError ? t(SETUP_ERRORS[error.reason]) : te(errorKeyOf(asApiError(error).code));
  return (
    <Card title={t('pushTitle')} className="notify-push">
      {push.keyError && state === 'checking' ? (
        <Banner kind="error">
          {te(errorKeyOf(push.keyError.code))}{' '}
          <Button variant="secondary" onClick={push.retry}>
            {ts('retry')}
          </Button>
        </Banner>
      ) : (
        <p className={`notify-state ${state}`} role="status">
          {state === 'on' && <span aria-hidden="true">✓ </span>}
          {t(STATE_TEXT[state])}
        </p>
      )}
      {dismissed && <p className="hint">{t('pushDismissed')}</p>}
      {errorText && <Banner kind="error">{errorText}</Banner>}
      {(state === 'on' || state === 'off') && (
        <div className="actions">
          {state === 'off' ? (
            <Button onClick={() => void change('on')} disabled={busy || !online}>
              {turning === 'on' ? t('turningOn') : t('turnOn')}
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => void change('off')} disabled={busy || !online}>
              {turning === 'off' ? t('turningOff') : t('turnOff')}
            </Button>
          )}
        </div>
      )}
      {devices !== undefined && devices > 0 && state !== 'server-off' && (
        <p className="hint">{devices === 1 ? t('pushDevicesOne') : t('pushDevices', { count: formatNumber(devices, lang) })}</p>
      )}
      {state === 'on' && <p className="hint">{t('sharedPhone')}</p>}
    </Card>
  );
}
