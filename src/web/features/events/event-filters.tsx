import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Select } from '../../ui/components.tsx';
import type { OrgMeta } from '../org/index.ts';
import { listMessages } from './list-messages.ts';
import type { ListFilters } from './list-filters.ts';
import type { EventKind, UnitRef } from './types.ts';

/**
 * The list's choices as drop-downs, one under another (a phone 360 px wide has room for one at a time): whose events,
 * coming or past, and, under a unit, the level, kind and held. `units` are the person's own units with levels below.
 */
export function EventFilters(p: {
  filters: ListFilters;
  onChange(next: ListFilters): void;
  units: readonly UnitRef[];
  meta: OrgMeta | undefined;
  kinds: readonly EventKind[];
}) {
  const t = useT(listMessages);
  const { lang } = useLang();
  const f = p.filters;
  const set = (patch: Partial<ListFilters>) => p.onChange({ ...f, ...patch });
  const unit = f.scope === 'mine' ? undefined : p.units.find((u) => u.id === f.scope);
  const depth = p.meta?.levels.find((l) => l.code === unit?.level)?.depth ?? 0;
  const levels = (p.meta?.levels ?? []).filter((l) => l.depth >= depth).sort((a, b) => a.depth - b.depth);
  return (
    <fieldset className="card event-filters">
      <legend>{t('filters')}</legend>
      {p.units.length > 0 && (
        <Select
          label={t('scope')}
          value={String(f.scope)}
          onChange={(e) => set({ scope: e.target.value === 'mine' ? 'mine' : Number(e.target.value), level: '', held: '' })}
        >
          <option value="mine">{t('scopeMine')}</option>
          {p.units.map((u) => (
            <option key={u.id} value={u.id}>
              {t('scopeUnit', { unit: nameIn(lang, u) })}
            </option>
          ))}
        </Select>
      )}
      <Select label={t('period')} value={f.period} onChange={(e) => set({ period: e.target.value === 'past' ? 'past' : 'upcoming' })}>
        <option value="upcoming">{t('period_upcoming')}</option>
        <option value="past">{t('period_past')}</option>
      </Select>
      {unit && (
        <>
          <Select label={t('level')} value={f.level} onChange={(e) => set({ level: e.target.value })}>
            <option value="">{t('anyLevel')}</option>
            {levels.map((l) => (
              <option key={l.code} value={l.code}>
                {nameIn(lang, l)}
              </option>
            ))}
          </Select>
          <Select label={t('kind')} value={f.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t('anyKind')}</option>
            {p.kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {nameIn(lang, k)}
              </option>
            ))}
          </Select>
          <Select label={t('held')} value={f.held} onChange={(e) => set({ held: e.target.value === 'yes' || e.target.value === 'no' ? e.target.value : '' })}>
            <option value="">{t('held_any')}</option>
            <option value="yes">{t('held_yes')}</option>
            <option value="no">{t('held_no')}</option>
          </Select>
        </>
      )}
    </fieldset>
  );
}
