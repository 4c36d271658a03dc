import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button, Field } from '../../ui/components.tsx';
import { isVideoLink } from './event-form.ts';
import { runMessages } from './run-messages.ts';
import type { EventDetail } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/** Where this occasion meets: its venue and video link (a linked event's own, set by the unit holding it). */
export function VenueForm({ event: e, onSaved }: { event: EventDetail; onSaved(next: EventDetail): void }) {
  const t = useT(runMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const [venue, setVenue] = useState(e.venue ?? '');
  const [videoUrl, setVideoUrl] = useState(e.videoUrl ?? '');
  const [saved, setSaved] = useState(false);
  const request = useRequest(toError);
  const linkError = videoUrl.trim() && !isVideoLink(videoUrl) ? t('linkInvalid') : undefined;
  const changes = {
    ...(venue.trim() !== (e.venue ?? '') ? { venue: venue.trim() || null } : {}),
    ...(videoUrl.trim() !== (e.videoUrl ?? '') ? { videoUrl: videoUrl.trim() || null } : {}),
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    if (linkError || Object.keys(changes).length === 0) return;
    const r = await request.run(() => api<EventDetail>('PATCH', `/api/events/${e.id}`, changes));
    if (!r.ok) return;
    setSaved(true);
    onSaved(r.value.data);
  }

  return (
    <form className="card" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="venue-title">
      <h3 id="venue-title">{t('edit')}</h3>
      <p className="hint">{t('editHint')}</p>
      <Field label={t('venue')} maxLength={300} value={venue} onChange={(x) => setVenue(x.target.value)} />
      <Field
        label={t('videoUrl')}
        type="url"
        inputMode="url"
        maxLength={500}
        value={videoUrl}
        onChange={(x) => setVideoUrl(x.target.value)}
        error={linkError}
      />
      <div className="actions">
        <Button type="submit" disabled={request.busy || !online || Object.keys(changes).length === 0}>
          {request.busy ? t('saving') : t('save')}
        </Button>
      </div>
      {saved && <Banner kind="success">{t('saved')}</Banner>}
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </form>
  );
}
