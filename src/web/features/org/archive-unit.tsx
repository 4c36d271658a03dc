import { api } from '../../lib/api.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Confirm } from '../../ui/confirm.tsx';
import { FormErrorBanner, useSubmit } from './form-kit.tsx';
import { orgMessages } from './messages.ts';
import type { Unit } from './types.ts';

const FIELDS: readonly string[] = [];

/** Archives a unit after a plain confirmation; the server refuses while live units remain below it (unit_not_empty). */
export function ArchiveUnit({
  unit,
  online,
  onDone,
  onCancel,
}: {
  unit: Pick<Unit, 'id' | 'nameEn' | 'nameHi'>;
  online: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const t = useT(orgMessages);
  const { lang } = useLang();
  const { busy, error, run } = useSubmit(FIELDS);
  async function archive() {
    const r = await run(() => api<Unit>('PATCH', `/api/units/${unit.id}`, { archived: true }));
    if (r.ok) onDone(t('archivedDone', { name: nameIn(lang, unit) }));
  }
  return (
    <Confirm
      question={t('archiveConfirm', { name: nameIn(lang, unit) })}
      yes={t('archiveYes')}
      busyLabel={t('archiving')}
      cancel={t('cancel')}
      busy={busy}
      online={online}
      onYes={() => void archive()}
      onCancel={onCancel}
    >
      <FormErrorBanner error={error} />
    </Confirm>
  );
}
