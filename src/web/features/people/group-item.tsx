import { useId, useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Button } from '../../ui/components.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { GroupEditor } from './group-editor.tsx';
import { parseCount } from './group-form.ts';
import { Confirm, ErrorBanner, useAction } from './kit.tsx';
import { groupMessages } from './group-messages.ts';
import type { Group } from './types.ts';

type Mode = 'view' | 'count' | 'edit' | 'archive';

/**
 * One registered group: its purpose, invite link, members as last reported and when, admins; for its admins and those
 * who manage people here, a quick "update count" (what the admin's phone shows now), edit, archive, and the roster.
 */
export function GroupItem({ group: g, unitId, online, onChanged }: { group: Group; unitId: number; online: boolean; onChanged(message: string): void }) {
  const t = useT(groupMessages);
  const { lang } = useLang();
  const countId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [count, setCount] = useState('');
  const [countProblem, setCountProblem] = useState(false);
  const { busy, error, run, clear } = useAction();
  const go = (m: Mode) => {
    clear();
    setMode(m);
  };

  async function saveCount(e: FormEvent) {
    e.preventDefault();
    const n = parseCount(count);
    setCountProblem(n === null);
    if (n === null) return;
    const r = await run(() => api<Group>('PATCH', `/api/groups/${g.id}`, { memberCount: n }));
    if (r.ok) {
      setMode('view');
      onChanged(t('countSaved', { name: g.name, count: formatNumber(n, lang) }));
    }
  }
  async function restore() {
    const r = await run(() => api<Group>('PATCH', `/api/groups/${g.id}`, { archived: false }));
    if (r.ok) onChanged(t('restoredDone', { name: g.name }));
  }
  async function archive() {
    const r = await run(() => api<Group>('PATCH', `/api/groups/${g.id}`, { archived: true }));
    if (r.ok) {
      setMode('view');
      onChanged(t('archivedDone', { name: g.name }));
    }
  }

  return (
    <li className="group-item">
      <div className="group-head">
        <strong>{g.name}</strong> <span className={`pill purpose-${g.purpose}`}>{g.purpose === 'workers' ? t('purposeWorkers') : t('purposePublic')}</span>
        {g.archived && <span className="pill archived">{t('archived')}</span>}
      </div>
      <p className="sub">
        {g.memberCount === null ? t('membersUnknown') : t('members', { count: formatNumber(g.memberCount, lang) })}
        {' · '}
        {g.lastCheckedAt ? t('checkedOn', { date: formatDate(new Date(g.lastCheckedAt), lang) }) : t('neverChecked')}
      </p>
      <p className="sub">{g.admins.length > 0 ? t('adminsAre', { names: g.admins.map((a) => a.name).join(', ') }) : t('noAdmins')}</p>
      {g.inviteLink && (
        <p className="sub invite">
          <a href={g.inviteLink} target="_blank" rel="noopener noreferrer" dir="ltr">
            {g.inviteLink.replace(/^https:\/\//, '')}
          </a>
        </p>
      )}
      {g.canEdit && !g.archived && mode === 'view' && (
        <div className="actions">
          <Button variant="secondary" disabled={!online} onClick={() => go('count')} aria-label={t('updateCountLabel', { name: g.name })}>
            {t('updateCount')}
          </Button>
          <Link className="button secondary" href={`/groups/${g.id}/roster`} aria-label={t('rosterLabel', { name: g.name })}>
            {t('roster')}
          </Link>
          <Button variant="secondary" disabled={!online} onClick={() => go('edit')} aria-label={t('editLabel', { name: g.name })}>
            {t('edit')}
          </Button>
          <Button variant="secondary" disabled={!online} onClick={() => go('archive')} aria-label={t('archiveLabel', { name: g.name })}>
            {t('archive')}
          </Button>
        </div>
      )}
      {g.canEdit && g.archived && (
        <>
          <ErrorBanner error={error} />
          <div className="actions">
            <Button variant="secondary" disabled={busy || !online} onClick={() => void restore()} aria-label={t('restoreLabel', { name: g.name })}>
              {t('restore')}
            </Button>
          </div>
        </>
      )}
      {mode === 'count' && (
        <form className="count-form" onSubmit={(e) => void saveCount(e)} noValidate>
          <label htmlFor={countId}>{t('countNow', { name: g.name })}</label>
          <p className="hint">{t('countHint')}</p>
          <input
            id={countId}
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={countProblem || undefined}
          />
          {countProblem && <p className="field-error">{t('countInvalid')}</p>}
          <ErrorBanner error={error} />
          <FormActions submit={t('save')} busyLabel={t('saving')} cancel={t('cancel')} busy={busy} online={online} onCancel={() => setMode('view')} />
        </form>
      )}
      {mode === 'edit' && (
        <GroupEditor
          unitId={unitId}
          group={g}
          online={online}
          onCancel={() => setMode('view')}
          onDone={(updated) => {
            setMode('view');
            onChanged(t('savedGroup', { name: updated?.name ?? g.name }));
          }}
        />
      )}
      {mode === 'archive' && (
        <Confirm
          question={t('archiveConfirm', { name: g.name })}
          yes={t('archiveYes')}
          busyLabel={t('working')}
          busy={busy}
          online={online}
          error={error}
          onYes={() => void archive()}
          onCancel={() => setMode('view')}
        />
      )}
    </li>
  );
}
