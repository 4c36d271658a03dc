import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { normaliseTypedPhone } from '../../lib/indian-phone.ts';
import { useT } from '../../lib/i18n.tsx';
import { Field, Select } from '../../ui/components.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { ErrorBanner, useAction } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import { ConfirmPhoneChange, startPhoneChange, type PhoneChangeStarted } from './phone-change.tsx';
import { formOf, patchOf, type FormProblem, type PersonForm } from './person-form.ts';
import { AGE_BANDS, type AgeBand, type PersonDetail } from './types.ts';

/**
 * Changes a person's details; only what changed is sent. The number on record stays unless a new one is typed. A
 * worker's number signs them in: it changes only through a code sent to the new number (ConfirmPhoneChange), and
 * cannot simply be removed.
 */
export function EditPerson({ person, online, onDone, onCancel }: { person: PersonDetail; online: boolean; onDone(): void; onCancel(): void }) {
  const t = useT(peopleMessages);
  const [form, setForm] = useState<PersonForm>(() => formOf(person));
  const [problems, setProblems] = useState<Partial<Record<keyof PersonForm, FormProblem>>>({});
  const [unchanged, setUnchanged] = useState(false);
  const { busy, error, run } = useAction();
  const [started, setStarted] = useState<PhoneChangeStarted>();
  const signsIn = person.positions.length > 0;
  const set = <K extends keyof PersonForm>(key: K, value: PersonForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const problem = (key: keyof PersonForm) => (problems[key] ? t(problems[key]) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { patch, problems: found } = patchOf(person, form, normaliseTypedPhone);
    setProblems(found);
    setUnchanged(false);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    const { phone, ...rest } = patch;
    const loginPhone = signsIn && typeof phone === 'string' ? phone : undefined;
    const r = await run(async () => {
      const changes = loginPhone === undefined ? patch : rest;
      if (Object.keys(changes).length > 0) await api('PATCH', `/api/people/${person.id}`, changes);
      return loginPhone === undefined ? undefined : startPhoneChange(person, loginPhone);
    });
    if (!r.ok) return;
    if (r.value) setStarted(r.value);
    else onDone();
  }

  if (started) return <ConfirmPhoneChange person={person} started={started} online={online} onDone={onDone} onCancel={onCancel} />;

  return (
    <section className="panel" aria-label={t('editTitle')}>
      <h3>{t('editTitle')}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('name')}
          hint={t('nameHint')}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          error={problem('name')}
          autoComplete="off"
        />
        <Field
          label={t('newPhone')}
          hint={signsIn ? t('phoneSignsIn') : person.phoneMasked ? t('newPhoneHint', { masked: person.phoneMasked }) : t('phoneHint')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={form.phone}
          disabled={form.removePhone}
          onChange={(e) => set('phone', e.target.value)}
          error={problem('phone')}
        />
        {person.phoneMasked && !signsIn && (
          <label className="check">
            <input type="checkbox" checked={form.removePhone} onChange={(e) => set('removePhone', e.target.checked)} /> {t('removePhone')}
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={form.whatsapp} onChange={(e) => set('whatsapp', e.target.checked)} /> {t('whatsappReachable')}
        </label>
        <Select label={t('ageBand')} value={form.ageBand} onChange={(e) => set('ageBand', e.target.value as AgeBand | '')}>
          <option value="">{t('ageUnknown')}</option>
          {AGE_BANDS.map((b) => (
            <option key={b} value={b}>
              {t(`age_${b}`)}
            </option>
          ))}
        </Select>
        <Field
          label={t('languages')}
          hint={t('languagesHint')}
          value={form.languages}
          onChange={(e) => set('languages', e.target.value)}
          error={problem('languages')}
          autoComplete="off"
        />
        <Field
          label={t('tags')}
          hint={t('tagsHint')}
          value={form.tags}
          onChange={(e) => set('tags', e.target.value)}
          error={problem('tags')}
          autoComplete="off"
        />
        <label htmlFor={`notes-${person.id}`}>{t('notes')}</label>
        <p className="hint">{t('notesHint')}</p>
        <textarea id={`notes-${person.id}`} rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} maxLength={2000} />
        {problems.notes && <p className="field-error">{t(problems.notes)}</p>}
        {unchanged && <p className="hint">{t('nothingChanged')}</p>}
        <ErrorBanner error={error} />
        <FormActions submit={t('save')} busyLabel={t('saving')} cancel={t('cancel')} busy={busy} online={online} onCancel={onCancel} />
      </form>
    </section>
  );
}
