import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button, Field } from '../../ui/components.tsx';
import { TextArea } from '../../ui/text-area.tsx';
import { checkEdit, editDraftOf, type EditDraft, type EditField } from './edit-form.ts';
import { formMessages } from './form-messages.ts';
import { editMessages } from './edit-messages.ts';
import { SessionsFields } from './sessions-fields.tsx';
import type { EventDetail } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/**
 * Changing an event after making it, behind a button so the organiser's page stays short: titles, details, times and
 * the programme (a session's start and end). A linked event's words are its parent's, so it changes only its times
 * here. Only what changed is sent; a new time is announced to those invited (the server does it).
 */
export function EditEvent({ event: e, onSaved }: { event: EventDetail; onSaved(next: EventDetail): void }) {
  const t = useT(editMessages);
  const tf = useT(formMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<EditDraft>(() => editDraftOf(e));
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const request = useRequest(toError);
  const linked = e.parentId !== null;
  const checked = checkEdit(draft, e);
  const problem = (f: EditField) => (tried && checked.problems[f] ? tf(checked.problems[f]) : undefined);
  const set = <K extends keyof EditDraft>(key: K, value: EditDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const changed = checked.body !== null && Object.keys(checked.body).length > 0;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setTried(true);
    setSaved(false);
    if (!checked.body || !changed) return;
    const body = checked.body;
    const r = await request.run(() => api<EventDetail>('PATCH', `/api/events/${e.id}`, body));
    if (!r.ok) return;
    setSaved(true);
    setTried(false);
    setDraft(editDraftOf(r.value.data));
    onSaved(r.value.data);
  }

  if (!open)
    return (
      <div className="card">
        <Button variant="secondary" aria-expanded={false} onClick={() => (setDraft(editDraftOf(e)), setSaved(false), setOpen(true))}>
          {t('change')}
        </Button>
        {saved && <Banner kind="success">{t('saved')}</Banner>}
      </div>
    );
  return (
    <form className="card" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="change-title">
      <h3 id="change-title">{t('change')}</h3>
      <p className="hint">{linked ? t('changeLinkedHint') : t('changeHint')}</p>
      {!linked && (
        <>
          <Field
            label={tf('titleHi')}
            lang="hi"
            maxLength={200}
            value={draft.titleHi}
            onChange={(x) => set('titleHi', x.target.value)}
            error={problem('title')}
          />
          <Field label={tf('titleEn')} lang="en" maxLength={200} value={draft.titleEn} onChange={(x) => set('titleEn', x.target.value)} />
          <TextArea label={tf('description')} maxLength={5000} rows={3} value={draft.description} onChange={(v) => set('description', v)} />
        </>
      )}
      <Field
        label={tf('startsAt')}
        type="datetime-local"
        value={draft.startsAt}
        onChange={(x) => set('startsAt', x.target.value)}
        error={problem('startsAt')}
      />
      <Field label={tf('endsAt')} type="datetime-local" value={draft.endsAt} onChange={(x) => set('endsAt', x.target.value)} error={problem('endsAt')} />
      {!linked && <SessionsFields sessions={draft.sessions} onChange={(s) => set('sessions', s)} error={problem('sessions')} />}
      {checked.body?.startsAt !== undefined || checked.body?.endsAt !== undefined ? <p className="hint">{t('timeChangeNote')}</p> : null}
      <div className="actions">
        <Button type="submit" disabled={request.busy || !online || (checked.body !== null && !changed)}>
          {request.busy ? t('saving') : t('saveChanges')}
        </Button>
        <Button variant="secondary" onClick={() => (setOpen(false), setTried(false), request.clear())}>
          {t('close')}
        </Button>
      </div>
      {saved && <Banner kind="success">{t('saved')}</Banner>}
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </form>
  );
}
