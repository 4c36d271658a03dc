import { Suspense, useCallback, useState } from 'react';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { labelOf, UnitSearch, type OrgMeta, type SearchHit } from '../org/index.ts';
import { Choices } from './choices.tsx';
import { issueMessages } from './issue-messages.ts';
import { hasLevelBelow, holdsAt, issuingUnits, type HeldPosition } from './permissions.ts';
import type { UnitRef } from './types.ts';

const OTHER = 'other';

/**
 * Where the directive goes out from: one of the person's own units that allow it, or any unit below them, found by
 * name (only units with a level below them, where the person may issue, are offered).
 */
export function UnitChoice({
  value,
  onChange,
  positions,
  meta,
  error,
}: {
  value: UnitRef | null;
  onChange(unit: UnitRef): void;
  positions: readonly HeldPosition[] | undefined;
  meta: OrgMeta | undefined;
  error: string | undefined;
}) {
  const t = useT(issueMessages);
  const { lang } = useLang();
  const [searching, setSearching] = useState(false);
  const own = issuingUnits(positions, meta?.roles, meta?.levels);
  const filter = useCallback(
    (hits: SearchHit[]) => hits.filter((h) => holdsAt(positions, meta?.roles, h, 'directives.issue') && hasLevelBelow(meta?.levels, h.level)),
    [positions, meta],
  );
  const label = (u: UnitRef) => `${nameIn(lang, u)} · ${labelOf(meta?.levels, u.level, lang)}`;
  const isOwn = value !== null && own.some((u) => u.id === value.id);

  if (value && !isOwn && !searching)
    return (
      <fieldset className="choices">
        <legend>{t('fromUnit')}</legend>
        <p className="row">
          <strong className="grow">{t('chosenUnit', { name: label(value) })}</strong>
          <Button variant="secondary" onClick={() => setSearching(true)}>
            {t('change')}
          </Button>
        </p>
      </fieldset>
    );
  return (
    <Choices
      legend={t('fromUnit')}
      hint={t('fromUnitHint')}
      error={error}
      options={[...own.map((u) => ({ value: String(u.id), label: label(u) })), { value: OTHER, label: t('otherUnit') }]}
      selected={searching ? [OTHER] : value ? [String(value.id)] : []}
      onChange={([v]) => {
        if (v === OTHER) return setSearching(true);
        const unit = own.find((u) => String(u.id) === v);
        if (unit) {
          setSearching(false);
          onChange(unit);
        }
      }}
    >
      {searching && (
        <Suspense
          fallback={
            <p aria-busy="true" className="hint">
              …
            </p>
          }
        >
          <UnitSearch
            label={t('searchUnit')}
            hint={t('searchUnitHint')}
            filter={filter}
            emptyText={t('noIssueHere')}
            onPick={(hit) => {
              setSearching(false);
              onChange({ id: hit.id, level: hit.level, nameEn: hit.nameEn, nameHi: hit.nameHi });
            }}
          />
        </Suspense>
      )}
    </Choices>
  );
}
