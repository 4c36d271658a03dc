import { useEffect, useMemo, useRef, useState } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import '../../ui/choices.css';
import { Button } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { roleLabel, useOrgMeta } from '../org/index.ts';
import { presentCount, rollLines, type RollLine } from './attendance-queue.ts';
import { markPresent, marks, useMarks } from './attendance-sync.ts';
import { runMessages } from './run-messages.ts';
import type { EventDetail, Roll } from './types.ts';
import { WalkInForm } from './walk-in-form.tsx';

/**
 * The roll call: everyone the event invites in its own unit, those who answered and those already present, each with a
 * box to tick. A tick is kept on the phone first and sent when it can (offline at a village meeting, it waits), so the
 * list shows what waits, and how many.
 */
export function RollCall({ event: e, onMarked }: { event: EventDetail; onMarked(): void }) {
  const t = useT(runMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const queue = useMarks(me?.person.id);
  const roll = useFetch<Roll>(`/api/events/${e.id}/roll`);
  const reload = roll.reload;
  // The server took marks: read the roll (and the event's count) again.
  const seen = useRef(queue.version);
  useEffect(() => {
    if (queue.version === seen.current) return;
    seen.current = queue.version;
    reload();
    onMarked();
  }, [queue.version, reload, onMarked]);
  const queued = useMemo(() => [...queue.waiting, ...queue.rejected], [queue.waiting, queue.rejected]);
  const lines = useMemo(() => rollLines(e.id, roll.data?.items ?? [], queued), [e.id, roll.data, queued]);
  const waiting = queue.waiting.filter((m) => m.eventId === e.id).length;

  return (
    <section className="card roll-call" aria-labelledby="roll-title">
      <h2 id="roll-title">{t('roll')}</h2>
      <p className="hint">{t('rollHint')}</p>
      <p className="row roll-figures">
        <strong className="grow" role="status">
          {t('presentCount', { count: formatNumber(presentCount(lines), lang) })}
        </strong>
        {waiting > 0 && <span className="event-badge waiting">{waiting === 1 ? t('waitingOne') : t('waiting', { count: formatNumber(waiting, lang) })}</span>}
      </p>
      {waiting > 0 && <WaitingNote />}
      {!roll.data ? (
        <p aria-busy="true" className="hint">
          …
        </p>
      ) : lines.length === 0 ? (
        <p className="muted">{t('rollEmpty')}</p>
      ) : (
        <ul className="list roll">
          {lines.map((l) => (
            <RollRow key={l.person.id} eventId={e.id} line={l} />
          ))}
        </ul>
      )}
      <WalkInForm event={e} onAdded={() => (reload(), onMarked())} />
    </section>
  );
}

/** Why marks still wait, and a way to send them now. */
function WaitingNote() {
  const t = useT(runMessages);
  const { syncing, lastError, signedOut } = useMarks(undefined);
  const why = signedOut ? t('signedOutWait') : lastError === 'offline' || !navigator.onLine ? t('offlineWait') : lastError ? t('failedWait') : null;
  return (
    <div className="row waiting-note">
      <p className="hint grow" role="status">
        {syncing ? t('sending') : why}
      </p>
      {!syncing && !signedOut && (
        <Button variant="secondary" onClick={() => void marks.syncNow(true)}>
          {t('sendNow')}
        </Button>
      )}
    </div>
  );
}

function RollRow({ eventId, line: l }: { eventId: number; line: RollLine }) {
  const t = useT(runMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const meta = useOrgMeta();
  // The box moves at once; the phone's queue (IndexedDB) catches up a moment later and takes over.
  const [tapped, setTapped] = useState<boolean>();
  const queued = l.present || Boolean(l.waiting);
  useEffect(() => setTapped(undefined), [queued]);
  const ticked = tapped ?? queued;
  const about = [l.unit && nameIn(lang, l.unit), l.role && roleLabel(meta, l.role, l.department, lang), l.rsvp && t(`rsvp_${l.rsvp}`)]
    .filter(Boolean)
    .join(' · ');
  const change = (on: boolean) => {
    setTapped(on);
    if (on) void markPresent(eventId, l.person.id);
    // A tick still on the phone can be taken back; one the server has stays.
    else if (l.waiting) void marks.discard(l.waiting.key);
  };
  return (
    <li className="roll-row">
      <label className="choice">
        <input
          type="checkbox"
          checked={ticked}
          disabled={l.present}
          onChange={(e) => change(e.target.checked)}
          aria-label={t('markLabel', { name: l.person.name })}
        />
        <span>
          {l.person.name}
          {about && <span className="sub choice-hint">{about}</span>}
          {l.present && l.method && <span className="event-badge done">✓ {t(`method_${l.method}`)}</span>}
          {l.guest && (
            <span className="event-badge guest" title={t('guestHint')}>
              {t('guest')}
            </span>
          )}
          {l.waiting && <span className="event-badge waiting">{t('markWaiting')}</span>}
        </span>
      </label>
      {l.refused && (
        <p className="row refused">
          <span className="field-error grow">{t('markRefused', { reason: te(errorKeyOf(l.refused.rejected?.code)) })}</span>
          <Button variant="secondary" onClick={() => void marks.discard(l.refused!.key)}>
            {t('discard')}
          </Button>
        </p>
      )}
    </li>
  );
}
