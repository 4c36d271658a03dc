import { useEffect, useState } from 'react';
import { nameIn, useLang, useT } from '../../../lib/i18n.tsx';
import { Link } from '../../../lib/router.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSession } from '../../auth/index.ts';
import { NotFoundPage, ScreenTitle } from '../../shell/index.ts';
import { useNotices } from '../notices.ts';
import type { QueuedEntry } from '../queue.ts';
import { startCaptureQueue } from '../sync.ts';
import { CaptureForm } from './capture-form.tsx';
import { captureMessages } from './messages.ts';
import { QueuePanel } from './queue-panel.tsx';
import '../capture.css';

interface UnitName {
  id: number;
  nameEn: string;
  nameHi: string;
}

/**
 * /units/:id/capture — the door-to-door form. It opens and saves with no connection: the unit's name and the notices
 * come from what the phone kept, and entries wait in the queue until they can be sent.
 */
export function CapturePage({ id }: { id: string }) {
  const t = useT(captureMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const unit = useFetch<UnitName>(`/api/units/${id}`);
  const { notices } = useNotices();
  const [editing, setEditing] = useState<QueuedEntry>();
  const personId = me?.person.id;
  useEffect(() => {
    if (personId !== undefined) startCaptureQueue(personId);
  }, [personId]);

  if (unit.error?.code === 'not_found') return <NotFoundPage />;
  const data = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  const unitName = data ? nameIn(lang, data) : undefined;

  return (
    <main className="capture">
      <Link href={`/units/${id}`} className="back-link">
        ‹ {unitName ? t('backToUnit', { unit: unitName }) : t('back')}
      </Link>
      <ScreenTitle focusKey={id}>{unitName ? t('titleAt', { unit: unitName }) : t('title')}</ScreenTitle>
      <p className="hint">{t('intro')}</p>
      <QueuePanel onFix={(e) => setEditing(e)} fixing={editing?.clientId} />
      <CaptureForm key={editing?.clientId ?? 'new'} unitId={Number(id)} notices={notices} editing={editing} onDone={() => setEditing(undefined)} />
    </main>
  );
}
