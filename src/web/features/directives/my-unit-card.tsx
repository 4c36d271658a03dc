import { useState } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { labelOf, type OrgMeta } from '../org/index.ts';
import { unitView, type QueuedAction } from './action-queue.ts';
import { directiveMessages } from './messages.ts';
import { ReportForm } from './report-form.tsx';
import { ReportView } from './report-view.tsx';
import { acknowledge, discard } from './sync.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Ask, MyUnit } from './types.ts';

/**
 * One of the worker's own units for a directive: where it stands (acknowledged, done, or waiting on the phone to be
 * sent) and what they can do next. Acting never needs the network: the action is kept on the phone and sent.
 */
export function MyUnitCard({
  directiveId,
  ask,
  mine,
  queued,
  meta,
}: {
  directiveId: number;
  ask: Ask;
  mine: MyUnit;
  queued: readonly QueuedAction[];
  meta: OrgMeta | undefined;
}) {
  const t = useT(directiveMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const [reporting, setReporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const v = unitView(directiveId, mine, queued);
  const name = nameIn(lang, mine.unit);
  const when = (iso: string) => formatWhen(iso, lang);
  const waiting = v.doneWaiting ?? v.ackWaiting;

  let status: string;
  if (waiting) status = t('waitingSince', { time: when(waiting.at) });
  else if (mine.doneAt)
    status = mine.report ? t('doneBy', { name: mine.report.reportedBy.name, time: when(mine.doneAt) }) : t('doneAt', { time: when(mine.doneAt) });
  else if (mine.ackedAt)
    status =
      ask === 'read'
        ? t('readAt', { time: when(mine.ackedAt) })
        : mine.ackedBy
          ? t('ackedBy', { name: mine.ackedBy.name, time: when(mine.ackedAt) })
          : t('ackedAt', { time: when(mine.ackedAt) });
  else status = ask === 'report' ? t('notDone') : t('notYet');
  const complete = ask === 'report' ? Boolean(v.doneAt) : Boolean(v.ackedAt);

  async function ack() {
    setBusy(true);
    setFailed(false);
    try {
      await acknowledge(directiveId, mine.unit.id);
    } catch {
      // The phone could not keep it (storage refused): say so; nothing was sent either.
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`my-unit${complete ? ' complete' : ''}`}>
      <p className="unit-name">
        <strong>{name}</strong> <span className="pill">{labelOf(meta?.levels, mine.unit.level, lang)}</span>
      </p>
      <p className={waiting ? 'state waiting' : complete ? 'state complete' : 'state'} role="status">
        {complete && !waiting && <span aria-hidden="true">✓ </span>}
        {status}
      </p>
      {v.rejected && (
        <div className="refused">
          <p className="field-error">{t('refused', { reason: te(errorKeyOf(v.rejected.rejected?.code)) })}</p>
          <Button variant="secondary" onClick={() => void discard(v.rejected!.key)}>
            {t('discard')}
          </Button>
        </div>
      )}
      {failed && <p className="field-error">{te('internal')}</p>}
      {mine.report && <ReportView report={mine.report} unitName={name} />}
      {!reporting && (
        <div className="actions">
          {ask !== 'read' && !v.ackedAt && (
            <Button onClick={() => void ack()} disabled={busy}>
              {busy ? t('acknowledging') : t('acknowledge')}
            </Button>
          )}
          {ask === 'report' && !v.doneAt && (
            <Button variant={v.ackedAt ? 'primary' : 'secondary'} onClick={() => setReporting(true)}>
              {t('markDone')}
            </Button>
          )}
        </div>
      )}
      {reporting && <ReportForm directiveId={directiveId} unitId={mine.unit.id} unitName={name} onClose={() => setReporting(false)} />}
    </li>
  );
}
