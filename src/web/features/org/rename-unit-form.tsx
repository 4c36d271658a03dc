import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { Field } from '../../ui/components.tsx';
import { FormFooter, useFieldError, useSubmit } from './form-kit.tsx';
import { orgMessages } from './messages.ts';
import type { Unit } from './types.ts';
import { checkUnitFields, type FieldProblem } from './unit-form.ts';

const FIELDS = ['nameHi', 'nameEn', 'code'] as const;

/** Renames a unit in both languages (and sets or clears its code); sends only what changed. */
export function RenameUnitForm({
  unit,
  online,
  onDone,
  onCancel,
}: {
  unit: Pick<Unit, 'id' | 'nameEn' | 'nameHi' | 'code'>;
  online: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const t = useT(orgMessages);
  const [nameHi, setNameHi] = useState(unit.nameHi);
  const [nameEn, setNameEn] = useState(unit.nameEn);
  const [code, setCode] = useState(unit.code ?? '');
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const { busy, error, run } = useSubmit(FIELDS);
  const fieldError = useFieldError(problems, error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkUnitFields({ nameHi, nameEn, code });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const patch: Record<string, string | null> = {};
    if (nameHi.trim() !== unit.nameHi) patch.nameHi = nameHi.trim();
    if (nameEn.trim() !== unit.nameEn) patch.nameEn = nameEn.trim();
    if (code.trim() !== (unit.code ?? '')) patch.code = code.trim() || null;
    if (Object.keys(patch).length === 0) return onCancel();
    const r = await run(() => api<Unit>('PATCH', `/api/units/${unit.id}`, patch));
    if (r.ok) onDone(t('saved'));
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('nameHi')} lang="hi" value={nameHi} onChange={(e) => setNameHi(e.target.value)} error={fieldError('nameHi')} required autoFocus />
      <Field label={t('nameEn')} lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} error={fieldError('nameEn')} required />
      <Field
        label={t('code')}
        hint={t('codeHint')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError('code')}
        autoCapitalize="characters"
      />
      <FormFooter error={error} busy={busy} online={online} label="save" busyLabel="saving" onCancel={onCancel} />
    </form>
  );
}
