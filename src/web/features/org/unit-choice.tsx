import { useCallback, useState } from 'react';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { Choices } from '../../ui/choices.tsx';
import { labelOf, type OrgMeta } from './meta.ts';
import { unitChoiceMessages } from './messages.ts';
import type { SearchHit } from './types.ts';
import { UnitSearch } from './unit-search.tsx';

const OTHER = 'other';

export interface UnitRef {
  id: number;
  level: string;
  nameEn: string;
  nameHi: string;
}

/** The words of one form's unit choice (the directive's "issue from", the event's "held by"); the rest are shared. */
export interface UnitChoiceLabels {
  legend: string;
  hint: string;
  /** "From: {name}", already filled in with the chosen unit. */
  chosen(name: string): string;
  /** When the search finds only units the person may not choose. */
  none: string;
  /** The shared words, said otherwise by a form that wants to (unitChoiceMessages by default). */
  change?: string;
  other?: string;
  search?: string;
  searchHint?: string;
}

/**
 * Which unit a form acts for: one of the person's own units that allow it, or any unit below them, found by name
 * (only the units `allowed` accepts are offered).
 */
export function UnitChoice(p: {
  value: UnitRef | null;
  onChange(unit: UnitRef): void;
  own: readonly UnitRef[];
  allowed(hit: SearchHit): boolean;
  meta: OrgMeta | undefined;
  labels: UnitChoiceLabels;
  error: string | undefined;
}) {
  const t = useT(unitChoiceMessages);
  const { lang } = useLang();
  const { value, onChange, own, allowed, meta, labels } = p;
  const [searching, setSearching] = useState(false);
  const filter = useCallback((hits: SearchHit[]) => hits.filter(allowed), [allowed]);
  const label = (u: UnitRef) => `${nameIn(lang, u)} · ${labelOf(meta?.levels, u.level, lang)}`;
  const isOwn = value !== null && own.some((u) => u.id === value.id);

  if (value && !isOwn && !searching)
    return (
      <fieldset className="choices">
        <legend>{labels.legend}</legend>
        <p className="row">
          <strong className="grow">{labels.chosen(label(value))}</strong>
          <Button variant="secondary" onClick={() => setSearching(true)}>
            {labels.change ?? t('change')}
          </Button>
        </p>
      </fieldset>
    );
  return (
    <Choices
      legend={labels.legend}
      hint={labels.hint}
      error={p.error}
      options={[...own.map((u) => ({ value: String(u.id), label: label(u) })), { value: OTHER, label: labels.other ?? t('other') }]}
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
        <UnitSearch
          label={labels.search ?? t('search')}
          hint={labels.searchHint ?? t('searchHint')}
          filter={filter}
          emptyText={labels.none}
          onPick={(hit) => {
            setSearching(false);
            onChange({ id: hit.id, level: hit.level, nameEn: hit.nameEn, nameHi: hit.nameHi });
          }}
        />
      )}
    </Choices>
  );
}
