import { useState } from 'react';
import { useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { CancelEvent } from './cancel-event.tsx';
import { CheckinQr } from './checkin-qr.tsx';
import { EditEvent } from './edit-event.tsx';
import { RecordForm } from './record-form.tsx';
import { RollCall } from './roll-call.tsx';
import { runMessages } from './run-messages.ts';
import type { EventDetail } from './types.ts';
import { VenueForm } from './venue-form.tsx';

/**
 * The organiser's tools. A fanned-out event is run at each place (its linked events), so its own page keeps only the
 * link to the roll-up, changing it, the venue and cancelling.
 */
export function ManageEvent({ event: e, onChanged, onReload }: { event: EventDetail; onChanged(next: EventDetail): void; onReload(): void }) {
  const t = useT(runMessages);
  const [qr, setQr] = useState(false);
  const heldHere = !e.holdAt;
  const started = Date.parse(e.startsAt) <= Date.now();
  return (
    <section className="manage" aria-labelledby="run-title">
      <h2 id="run-title">{t('run')}</h2>
      {!e.cancelled && <EditEvent event={e} onSaved={onChanged} />}
      {!e.cancelled && <VenueForm event={e} onSaved={onChanged} />}
      {!e.cancelled && heldHere && (
        <div className="card">
          <Button variant={qr ? 'secondary' : 'primary'} aria-expanded={qr} onClick={() => setQr(!qr)}>
            {qr ? t('qrHide') : t('qrShow')}
          </Button>
          {qr && <CheckinQr eventId={e.id} />}
        </div>
      )}
      {!e.cancelled && heldHere && <RollCall event={e} onMarked={onReload} />}
      {/* Held and the minutes are taken from the start (the server refuses them earlier, as it counts them). */}
      {!e.cancelled && heldHere && (started ? <RecordForm event={e} onSaved={onChanged} /> : <p className="hint card">{t('recordLater')}</p>)}
      {!e.cancelled && <CancelEvent event={e} onCancelled={onChanged} />}
    </section>
  );
}
