import { useId, useState } from 'react';
import { useT } from '../../lib/i18n.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Button } from '../../ui/components.tsx';
import { useDebounced } from './kit.tsx';
import { groupMessages } from './group-messages.ts';
import { peoplePath, peopleQueryText } from './people-query.ts';
import type { PeopleList } from './types.ts';

type Admin = { id: number; name: string };

/** A group's admins: people of the unit, found by name (either script), each added with a tap and removed with another. */
export function AdminPicker({ unitId, admins, onChange }: { unitId: number; admins: readonly Admin[]; onChange(admins: Admin[]): void }) {
  const t = useT(groupMessages);
  const id = useId();
  const [raw, setRaw] = useState('');
  const q = peopleQueryText(useDebounced(raw));
  const found = useFetch<PeopleList>(q && peopleQueryText(raw) ? peoplePath(unitId, { q, consent: '', kind: '' }, null, 8) : null);
  const hits = q && peopleQueryText(raw) ? (found.data?.items ?? []).filter((p) => !admins.some((a) => a.id === p.id)) : [];
  return (
    <fieldset className="admins">
      <legend>{t('admins')}</legend>
      {admins.length === 0 && <p className="hint">{t('noAdmins')}</p>}
      <ul className="chips">
        {admins.map((a) => (
          <li key={a.id}>
            {a.name}{' '}
            <Button
              variant="secondary"
              className="chip-remove"
              aria-label={t('removeAdmin', { name: a.name })}
              onClick={() => onChange(admins.filter((x) => x.id !== a.id))}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <label htmlFor={id}>{t('findAdmin')}</label>
      <input id={id} type="search" autoComplete="off" spellCheck={false} value={raw} onChange={(e) => setRaw(e.target.value)} />
      {hits.length > 0 && (
        <ul className="list">
          {hits.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="row-button"
                onClick={() => {
                  onChange([...admins, { id: p.id, name: p.name }]);
                  setRaw('');
                }}
              >
                {t('addAdmin', { name: p.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
