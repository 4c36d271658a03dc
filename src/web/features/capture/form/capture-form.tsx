import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Notice } from '../../../../contracts/people.ts';
import { useT } from '../../../lib/i18n.tsx';
import { Banner, Button, Field, Select } from '../../../ui/components.tsx';
import { ConsentTicks, WhatsAppChoice } from '../consent-ticks.tsx';
import type { QueuedEntry } from '../queue.ts';
import { enqueue, saveFixed } from '../sync.ts';
import { AGE_BANDS, checkCaptureFields, EMPTY_FIELDS, fieldsOf, LANGUAGES, type CaptureFields, type FieldErrors } from './fields.ts';
import { captureMessages } from './messages.ts';

interface Props {
  unitId: number;
  notices: Notice[] | null;
  /** A refused entry being fixed; otherwise a new person. */
  editing?: QueuedEntry | undefined;
  onDone(): void;
}

/**
 * One person met at the door. Saving puts the entry in the phone's queue first (so nothing typed is lost to a bad
 * connection), then the queue sends it. Consent boxes start empty and are shown only to adults, with the notice text.
 */
export function CaptureForm({ unitId, notices, editing, onDone }: Props) {
  const t = useT(captureMessages);
  const [f, setF] = useState<CaptureFields>(() => (editing ? fieldsOf(editing.body, notices) : EMPTY_FIELDS));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'saved' | 'savedOffline'; name: string } | { kind: 'failed' }>();
  const formRef = useRef<HTMLFormElement>(null);
  const focus = (name: 'name' | 'phone') => (formRef.current?.elements.namedItem(name) as HTMLInputElement | null)?.focus();
  const ids = useId();
  const set = <K extends keyof CaptureFields>(key: K, value: CaptureFields[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const blamed = new Set(editing?.rejected?.fields ?? []);
  const errorOf = (name: 'name' | 'phone' | 'ageBand' | 'languages' | 'tags' | 'notes' | 'consents'): string | undefined => {
    const local = name === 'name' || name === 'phone' ? errors[name] : undefined;
    if (local) return t(local);
    return blamed.has(name) ? t('fieldInvalid') : undefined;
  };
  const child = f.ageBand === 'under_18';
  // Fixing an entry: the form is below the list, so bring it, and its title, to the worker.
  useEffect(() => {
    if (editing) document.getElementById(`${ids}-title`)?.focus();
  }, [editing, ids]);
  const hasPhone = f.phone.trim() !== '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkCaptureFields(f, notices);
    setErrors(checked.errors);
    setResult(undefined);
    if (!checked.body) {
      focus(checked.errors.name ? 'name' : 'phone');
      return;
    }
    setBusy(true);
    try {
      if (editing) await saveFixed(editing, checked.body);
      else await enqueue(unitId, checked.body);
      setResult({ kind: navigator.onLine ? 'saved' : 'savedOffline', name: checked.body.name });
      setF(EMPTY_FIELDS);
      onDone();
      // The next door: straight back to the name.
      focus('name');
    } catch {
      setResult({ kind: 'failed' });
    } finally {
      setBusy(false);
    }
  }

  const toggleLanguage = (code: string, on: boolean) => set('languages', on ? [...f.languages, code] : f.languages.filter((l) => l !== code));

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={editing ? `${ids}-title` : undefined}>
      {editing && (
        <h2 id={`${ids}-title`} tabIndex={-1}>
          {t('fixing', { name: editing.body.name })}
        </h2>
      )}
      {result?.kind === 'failed' && <Banner kind="error">{t('saveFailed')}</Banner>}
      {result && result.kind !== 'failed' && <Banner kind="success">{t(result.kind, { name: result.name })}</Banner>}
      <Field
        name="name"
        label={t('name')}
        hint={t('nameHint')}
        value={f.name}
        onChange={(e) => set('name', e.target.value)}
        error={errorOf('name')}
        autoComplete="off"
        autoCapitalize="words"
        enterKeyHint="next"
        maxLength={200}
        required
      />
      <Field
        name="phone"
        label={t('phone')}
        hint={t('phoneHint')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        enterKeyHint="next"
        value={f.phone}
        onChange={(e) => set('phone', e.target.value)}
        error={errorOf('phone')}
        maxLength={20}
      />
      <WhatsAppChoice
        legend={t('whatsapp')}
        yes={t('yes')}
        no={t('no')}
        name={`${ids}-wa`}
        value={f.whatsapp}
        disabled={!hasPhone}
        onChange={(value) => set('whatsapp', value)}
      />
      <Select label={t('ageBand')} value={f.ageBand} onChange={(e) => set('ageBand', e.target.value as CaptureFields['ageBand'])} error={errorOf('ageBand')}>
        <option value="">{t('ageNotAsked')}</option>
        {AGE_BANDS.map((b) => (
          <option key={b} value={b}>
            {t(`age_${b}`)}
          </option>
        ))}
      </Select>
      <fieldset>
        <legend>{t('languages')}</legend>
        <div className="chips">
          {LANGUAGES.map(([code, autonym]) => (
            <label key={code} lang={code}>
              <input type="checkbox" checked={f.languages.includes(code)} onChange={(e) => toggleLanguage(code, e.target.checked)} />
              {autonym}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('tags')} hint={t('tagsHint')} value={f.tags} onChange={(e) => set('tags', e.target.value)} error={errorOf('tags')} autoComplete="off" />
      <label htmlFor={`${ids}-notes`}>{t('notes')}</label>
      <textarea id={`${ids}-notes`} value={f.notes} onChange={(e) => set('notes', e.target.value)} maxLength={2000} rows={3} />

      <h2>{t('consentTitle')}</h2>
      {child ? (
        <p className="hint">{t('consentChild')}</p>
      ) : !notices || notices.length === 0 ? (
        <p className="hint">{t('noticesMissing')}</p>
      ) : (
        <>
          <p className="hint">{t('consentHint')}</p>
          {errorOf('consents') && <p className="field-error">{errorOf('consents')}</p>}
          <ConsentTicks notices={notices} agreed={f.consents} label={t('consentAgree')} onChange={(next) => set('consents', next)} />
        </>
      )}
      <div className="actions">
        <Button type="submit" className="wide" disabled={busy}>
          {busy ? t('saving') : editing ? t('saveFix') : t('save')}
        </Button>
        {editing && (
          <Button variant="secondary" className="wide" onClick={onDone}>
            {t('cancelFix')}
          </Button>
        )}
      </div>
    </form>
  );
}
