import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { Field, Select } from '../../ui/components.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { AdminPicker } from './admin-picker.tsx';
import { createBody, emptyGroupForm, groupFormOf, patchBody, type GroupForm, type GroupProblems } from './group-form.ts';
import { ErrorBanner, useAction } from './kit.tsx';
import { groupMessages } from './group-messages.ts';
import type { Group, GroupPurpose } from './types.ts';

/** Adds a group to a unit, or changes one: name, purpose (when adding), invite link, member count, admins. */
export function GroupEditor({
  unitId,
  group,
  purpose,
  online,
  onDone,
  onCancel,
}: {
  unitId: number;
  group?: Group;
  purpose?: GroupPurpose;
  online: boolean;
  onDone(group: Group | undefined): void;
  onCancel(): void;
}) {
  const t = useT(groupMessages);
  const [form, setForm] = useState<GroupForm>(() => (group ? groupFormOf(group) : emptyGroupForm(purpose)));
  const [problems, setProblems] = useState<GroupProblems>({});
  const { busy, error, run } = useAction();
  const set = <K extends keyof GroupForm>(key: K, value: GroupForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const problem = (key: keyof GroupProblems) => (problems[key] ? t(problems[key]) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (group) {
      const { body, problems: found } = patchBody(group, form);
      setProblems(found);
      if (Object.keys(found).length > 0) return;
      if (Object.keys(body).length === 0) return onDone(undefined);
      const r = await run(() => api<Group>('PATCH', `/api/groups/${group.id}`, body));
      if (r.ok) onDone(r.value.data);
    } else {
      const { body, problems: found } = createBody(form);
      setProblems(found);
      if (Object.keys(found).length > 0) return;
      const r = await run(() => api<Group>('POST', `/api/units/${unitId}/groups`, body));
      if (r.ok) onDone(r.value.data);
    }
  }

  const title = group ? t('editGroup') : t('addGroup');
  return (
    <section className="panel" aria-label={title}>
      <h3>{title}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {!group && (
          <Select label={t('purpose')} value={form.purpose} onChange={(e) => set('purpose', e.target.value as GroupPurpose)}>
            <option value="workers">{t('purposeWorkers')}</option>
            <option value="public">{t('purposePublic')}</option>
          </Select>
        )}
        <Field
          label={t('groupName')}
          hint={t('groupNameHint')}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          error={problem('name')}
          autoComplete="off"
        />
        <Field
          label={t('inviteLink')}
          hint={t('inviteLinkHint')}
          type="url"
          inputMode="url"
          dir="ltr"
          autoComplete="off"
          value={form.inviteLink}
          onChange={(e) => set('inviteLink', e.target.value)}
          error={problem('inviteLink')}
        />
        <Field
          label={t('memberCount')}
          hint={t('memberCountHint')}
          inputMode="numeric"
          autoComplete="off"
          value={form.memberCount}
          onChange={(e) => set('memberCount', e.target.value)}
          error={problem('memberCount')}
        />
        <AdminPicker unitId={unitId} admins={form.admins} onChange={(admins) => set('admins', admins)} />
        <ErrorBanner error={error} />
        <FormActions submit={group ? t('save') : t('add')} busyLabel={t('saving')} cancel={t('cancel')} busy={busy} online={online} onCancel={onCancel} />
      </form>
    </section>
  );
}
