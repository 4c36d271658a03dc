import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Banner, Button, Field } from '../../ui/components.tsx';
import { campaignMessages } from './messages.ts';
import { LIMITS, parseAmount } from './plan-form.ts';
import type { UnitRef } from './types.ts';

/** A unit of a reported activity's level sends its own figure (all it achieved so far); the latest figure stands. */
export function ReportOwnFigure(p: { campaignId: number; activityId: number; unit: UnitRef; achieved: number; onSaved(): void }) {
  const t = useT(campaignMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const [value, setValue] = useState(String(p.achieved));
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ErrorKey>();
  const [sent, setSent] = useState(false);
  const name = nameIn(lang, p.unit);
  const parsed = parseAmount(value);
  const invalid = parsed === null || Number.isNaN(parsed) || parsed > LIMITS.total;

  async function send(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    setSent(false);
    setError(undefined);
    if (invalid) return;
    setBusy(true);
    try {
      await api('POST', `/api/campaigns/${p.campaignId}/activities/${p.activityId}/reports`, { unitId: p.unit.id, value: parsed });
      setSent(true);
      p.onSaved();
    } catch (e) {
      setError(errorKeyOf(asApiError(e).code));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="report-own" onSubmit={(e) => void send(e)} noValidate>
      <fieldset className="choices">
        <legend>{t('reportOwn', { name })}</legend>
        <p className="hint">{t('reportHint', { name })}</p>
        <div className="row-input-line">
          <Field
            label={t('reportValue')}
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setSent(false);
            }}
            error={tried && invalid ? t('figureInvalid') : undefined}
          />
          <Button type="submit" disabled={busy || !online}>
            {busy ? t('sending') : t('send')}
          </Button>
        </div>
      </fieldset>
      {sent && <Banner kind="success">{t('reportSent')}</Banner>}
      {error && <Banner kind="error">{te(error)}</Banner>}
    </form>
  );
}
