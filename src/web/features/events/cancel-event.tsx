import { useState } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button } from '../../ui/components.tsx';
import { Confirm } from '../../ui/confirm.tsx';
import { runMessages } from './run-messages.ts';
import type { EventDetail } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/** Calling the event off (with its linked events), after a question. */
export function CancelEvent({ event: e, onCancelled }: { event: EventDetail; onCancelled(next: EventDetail): void }) {
  const t = useT(runMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const [asking, setAsking] = useState(false);
  const request = useRequest(toError);
  if (!asking)
    return (
      <div className="actions">
        <Button variant="secondary" className="danger-outline" onClick={() => setAsking(true)}>
          {t('cancelEvent')}
        </Button>
      </div>
    );
  return (
    <Confirm
      className="card confirm"
      question={t('cancelQuestion')}
      yes={t('cancelYes')}
      busyLabel={t('cancelling')}
      cancel={t('keep')}
      busy={request.busy}
      online={online}
      onCancel={() => setAsking(false)}
      onYes={() =>
        void request
          .run(() => api<EventDetail>('POST', `/api/events/${e.id}/cancel`))
          .then((r) => {
            if (r.ok) onCancelled(r.value.data);
          })
      }
    >
      {e.holdAt && <p className="hint">{t('cancelEvery')}</p>}
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </Confirm>
  );
}
