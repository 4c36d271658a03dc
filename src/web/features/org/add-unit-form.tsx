import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Field, Select } from '../../ui/components.tsx';
import { FormFooter, useFieldError, useSubmit } from './form-kit.tsx';
import type { OrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import type { Unit } from './types.ts';
import { checkUnitFields, type FieldProblem } from './unit-form.ts';

const FIELDS = ['level', 'nameHi', 'nameEn', 'code'] as const;

/** Adds a unit below `parent`: only levels deeper than the parent's are offered, the next one first. */
export function AddUnitForm({
  parent,
  levels,
  online,
  onDone,
  onCancel,
}: {
  parent: { id: number; level: string };
  levels: OrgMeta['levels'];
  online: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const t = useT(orgMessages);
  const { lang } = useLang();
  const depth = levels.find((l) => l.code === parent.level)?.depth ?? Infinity;
  const deeper = levels.filter((l) => l.depth > depth).sort((a, b) => a.depth - b.depth);
  const [level, setLevel] = useState(deeper[0]?.code ?? '');
  const [nameHi, setNameHi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const { busy, error, run } = useSubmit(FIELDS);
  const fieldError = useFieldError(problems, error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkUnitFields({ nameHi, nameEn, code });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const body = { parentId: parent.id, level, nameHi: nameHi.trim(), nameEn: nameEn.trim(), ...(code.trim() ? { code: code.trim() } : {}) };
    const r = await run(() => api<Unit>('POST', '/api/units', body));
    if (r.ok) onDone(t('added', { name: nameIn(lang, r.value.data) }));
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Select label={t('level')} value={level} onChange={(e) => setLevel(e.target.value)} error={fieldError('level')}>
        {deeper.map((l) => (
          <option key={l.code} value={l.code}>
            {nameIn(lang, l)}
          </option>
        ))}
      </Select>
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
      <FormFooter error={error} busy={busy} online={online} label="add" busyLabel="adding" onCancel={onCancel} />
    </form>
  );
}
