import { useCallback, useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { FormErrorBanner, useSubmit } from './form-kit.tsx';
import type { OrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import { moveTargets } from './search.ts';
import type { HeldPosition, SearchHit, Unit } from './types.ts';
import { UnitSearch } from './unit-search.tsx';

const FIELDS = ['newParentId'] as const;

/** Moves a unit (with everything below it) under another: find the new place by name, then confirm. */
export function MoveUnitForm({
  unit,
  meta,
  positions,
  online,
  onDone,
  onCancel,
}: {
  unit: Pick<Unit, 'id' | 'parentId' | 'level' | 'nameEn' | 'nameHi'>;
  meta: OrgMeta;
  positions: readonly HeldPosition[];
  online: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const t = useT(orgMessages);
  const { lang } = useLang();
  const [target, setTarget] = useState<SearchHit>();
  const { busy, error, run } = useSubmit(FIELDS);
  const filter = useCallback((hits: SearchHit[]) => moveTargets(hits, unit, meta.levels, positions, meta.roles), [unit, meta, positions]);

  async function move() {
    if (!target) return;
    const r = await run(() => api<{ movedUnits: number }>('POST', `/api/units/${unit.id}/move`, { newParentId: target.id }));
    if (r.ok) onDone(t('moved', { count: formatNumber(r.value.data.movedUnits, lang) }));
  }

  if (target)
    return (
      <div>
        <p>
          <strong>{t('moveConfirm', { name: nameIn(lang, unit), target: nameIn(lang, target) })}</strong>
        </p>
        <FormErrorBanner error={error} />
        <div className="actions">
          <Button onClick={() => void move()} disabled={busy || !online} autoFocus>
            {busy ? t('moving') : t('moveYes')}
          </Button>
          <Button variant="secondary" onClick={() => setTarget(undefined)}>
            {t('cancel')}
          </Button>
        </div>
      </div>
    );
  return (
    <div>
      <UnitSearch label={t('moveLabel')} hint={t('moveHint')} onPick={setTarget} filter={filter} emptyText={t('noTargets')} autoFocus />
      <div className="actions">
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}
