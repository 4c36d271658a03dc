import { useEffect, useState } from 'react';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { roleLabel, useOrgMeta } from '../org/index.ts';
import type { RollLine } from './attendance-queue.ts';
import { markPresent, marks } from './attendance-sync.ts';
import { rollMessages } from './roll-messages.ts';
import { runMessages } from './run-messages.ts';

/**
 * One name on the roll. Its box marks them present at once (kept on the phone, then sent); while the organiser selects
 * many, it selects instead, and "mark present" below the list marks all those selected together.
 */
export function RollRow({
  eventId,
  line: l,
  selecting,
  selected,
  onSelect,
}: {
  eventId: number;
  line: RollLine;
  selecting: boolean;
  selected: boolean;
  onSelect(personId: number, on: boolean): void;
}) {
  const t = useT(runMessages);
  const tr = useT(rollMessages);
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
    if (selecting) return onSelect(l.person.id, on);
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
          checked={selecting ? queued || selected : ticked}
          disabled={l.present || (selecting && queued)}
          onChange={(e) => change(e.target.checked)}
          aria-label={selecting ? tr('selectLabel', { name: l.person.name }) : t('markLabel', { name: l.person.name })}
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
