import { useState, type FormEvent } from 'react';
import { normaliseTypedPhone as normalisePhone } from '../../lib/indian-phone.ts';
import { api } from '../../lib/api.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Field, Select } from '../../ui/components.tsx';
import { FormFooter, useFieldError, useSubmit } from './form-kit.tsx';
import { roleLabel, type OrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';

const FIELDS = ['role', 'department', 'name', 'phone'] as const;
type Problem = 'required' | 'phoneInvalid' | 'tooLong';

/**
 * Gives a person a position at a unit: role, department, and the person by name and mobile number (+91 assumed;
 * the server finds an existing person by the number or adds them).
 */
export function AssignPositionForm({
  unitId,
  meta,
  online,
  onDone,
  onCancel,
}: {
  unitId: number;
  meta: OrgMeta;
  online: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const t = useT(orgMessages);
  const { lang } = useLang();
  const roles = [...meta.roles].sort((a, b) => a.rank - b.rank);
  const [role, setRole] = useState(roles[0]?.code ?? '');
  const [department, setDepartment] = useState(meta.departments[0]?.code ?? '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const { busy, error, run } = useSubmit(FIELDS);
  const fieldError = useFieldError(problems, error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const e164 = normalisePhone(phone);
    const found: Record<string, Problem> = {};
    if (!name.trim()) found.name = 'required';
    else if (name.trim().length > 200) found.name = 'tooLong';
    if (!phone.trim()) found.phone = 'required';
    else if (!e164) found.phone = 'phoneInvalid';
    setProblems(found);
    if (Object.keys(found).length > 0 || !e164) return;
    const body = { role, ...(department ? { department } : {}), person: { name: name.trim(), phone: e164 } };
    const r = await run(() => api('POST', `/api/units/${unitId}/positions`, body));
    if (r.ok) onDone(t('assigned', { name: name.trim(), role: roleLabel(meta, role, department || null, lang) }));
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Select label={t('role')} value={role} onChange={(e) => setRole(e.target.value)} error={fieldError('role')} autoFocus>
        {roles.map((r) => (
          <option key={r.code} value={r.code}>
            {nameIn(lang, r)}
          </option>
        ))}
      </Select>
      <Select label={t('department')} value={department} onChange={(e) => setDepartment(e.target.value)} error={fieldError('department')}>
        {meta.departments.map((d) => (
          <option key={d.code} value={d.code}>
            {nameIn(lang, d)}
          </option>
        ))}
        <option value="">{t('noDepartment')}</option>
      </Select>
      <Field label={t('personName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} autoComplete="off" required />
      <Field
        label={t('phone')}
        hint={t('phoneHint')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={fieldError('phone')}
        required
      />
      <FormFooter error={error} busy={busy} online={online} label="assignButton" busyLabel="assigning" onCancel={onCancel} />
    </form>
  );
}
