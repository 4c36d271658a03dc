import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { Banner, Button, Card, Field } from '../../ui/components.tsx';
import { silenceMessages } from './silence-messages.ts';
import { checkSilence, suggestedEnd } from './silence.ts';
import { TextArea } from '../../ui/text-area.tsx';

/** Declaring a silence period: start, end (48 hours later unless changed) and the reason. */
export function SilenceForm({ unitId, online, onDone }: { unitId: number; online: boolean; onDone(): void }) {
  const t = useT(silenceMessages);
  const te = useT(errorMessages);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [endTouched, setEndTouched] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { problems, body } = checkSilence({ start, end, reason });
  const shown = tried ? problems : {};

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!body) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/units/${unitId}/silence-periods`, body);
      setStart('');
      setEnd('');
      setEndTouched(false);
      setReason('');
      setTried(false);
      onDone();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('declare')}>
      <p className="hint">{t('declareHint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('starts')}
          type="datetime-local"
          value={start}
          onChange={(e) => {
            setStart(e.target.value);
            // The usual case is the 48 hours: the end follows the start until the person sets it themselves.
            if (!endTouched) setEnd(suggestedEnd(e.target.value));
          }}
          error={shown.start && t(shown.start)}
        />
        <Field
          label={t('ends')}
          hint={t('endsHint')}
          type="datetime-local"
          value={end}
          onChange={(e) => {
            setEnd(e.target.value);
            setEndTouched(true);
          }}
          error={shown.end && t(shown.end)}
        />
        <TextArea
          label={t('reason')}
          hint={t('reasonHint')}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={setReason}
          error={shown.reason && t(shown.reason)}
        />
        {error && <Banner kind="error">{te(errorKeyOf(error.code))}</Banner>}
        <div className="actions">
          <Button type="submit" disabled={busy || !online}>
            {busy ? t('saving') : t('save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
