import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import '../../ui/choices.css';
import { Banner, Button, Field, Select } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useDebouncedValue } from '../org/index.ts';
import { shellMessages } from '../shell/index.ts';
import { rollLines, type RollLine } from './attendance-queue.ts';
import { markManyPresent, marks, useMarks } from './attendance-sync.ts';
import { NameListForm } from './name-list-form.tsx';
import { rollMessages } from './roll-messages.ts';
import { ROLL_PAGE, useRollPages, type RollFilter } from './roll-pages.ts';
import { RollRow } from './roll-row.tsx';
import { runMessages } from './run-messages.ts';
import type { EventDetail, Roll } from './types.ts';
import { WalkInForm } from './walk-in-form.tsx';

/**
 * The roll call: everyone the event invites in its own unit, those who answered and those already present, each with a
 * box to tick. A tick is kept on the phone first and sent when it can (offline at a village meeting, it waits), so the
 * list shows what waits, and how many. A roll of hundreds is read and drawn a page at a time, found by name, narrowed
 * to a unit, and marked many at once.
 */
export function RollCall({ event: e, onMarked }: { event: EventDetail; onMarked(): void }) {
  const t = useT(runMessages);
  const tr = useT(rollMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const queue = useMarks(me?.person.id);
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed);
  const [unit, setUnit] = useState('');
  const filter = useMemo<RollFilter>(() => ({ q, unit }), [q, unit]);
  const pages = useRollPages(e.id, filter);
  const reload = pages.reload;
  // The server took marks: read the roll (and the event's count) again.
  const seen = useRef(queue.version);
  useEffect(() => {
    if (queue.version === seen.current) return;
    seen.current = queue.version;
    reload();
    onMarked();
  }, [queue.version, reload, onMarked]);
  const queued = useMemo(() => [...queue.waiting, ...queue.rejected], [queue.waiting, queue.rejected]);
  const roll = pages.roll;
  const lines = useMemo(() => rollLines(e.id, roll?.items ?? [], queued), [e.id, roll, queued]);
  const waiting = queue.waiting.filter((m) => m.eventId === e.id).length;
  const n = (x: number) => formatNumber(x, lang);

  return (
    <section className="card roll-call" aria-labelledby="roll-title">
      <h2 id="roll-title">{t('roll')}</h2>
      <p className="hint">{t('rollHint')}</p>
      <p className="row roll-figures">
        {/* The event's count from the server, with the ticks still on this phone. */}
        <strong className="grow" role="status">
          {t('presentCount', { count: n((roll?.attendees ?? e.attendees) + waiting) })}
        </strong>
        {waiting > 0 && <span className="event-badge waiting">{waiting === 1 ? t('waitingOne') : t('waiting', { count: n(waiting) })}</span>}
      </p>
      {waiting > 0 && <WaitingNote />}
      <div className="roll-tools">
        <Field
          label={tr('search')}
          hint={tr('searchHint')}
          type="search"
          autoComplete="off"
          maxLength={100}
          value={typed}
          onChange={(x) => setTyped(x.target.value)}
        />
        {roll && roll.groups.length > 1 && <UnitFilter groups={roll.groups} value={unit} onChange={setUnit} />}
      </div>
      {pages.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      {/* Offline, a search the phone has not seen cannot be answered: say so above the list it still shows. */}
      {pages.error && <RollLoadError onRetry={reload} />}
      {!roll ? (
        !pages.error && (
          <p aria-busy="true" className="hint">
            …
          </p>
        )
      ) : lines.length === 0 ? (
        <p className="muted">{q || unit ? tr('noMatch') : t('rollEmpty')}</p>
      ) : (
        <RollList eventId={e.id} lines={lines} roll={roll} onMore={pages.more} loading={pages.loading} />
      )}
      <WalkInForm event={e} onAdded={() => (reload(), onMarked())} />
      <NameListForm event={e} onAdded={() => (reload(), onMarked())} />
    </section>
  );
}

/** The unit filter: the units just below the event's, with how many of each are present, and those invited by none. */
function UnitFilter({ groups, value, onChange }: { groups: Roll['groups']; value: string; onChange(unit: string): void }) {
  const tr = useT(rollMessages);
  const { lang } = useLang();
  const n = (x: number) => formatNumber(x, lang);
  const all = groups.reduce((sum, g) => sum + g.people, 0);
  return (
    <Select label={tr('unit')} value={value} onChange={(x) => onChange(x.target.value)}>
      <option value="">{tr('allUnits', { count: n(all) })}</option>
      {groups.map((g) =>
        g.unit ? (
          <option key={g.unit.id} value={String(g.unit.id)}>
            {tr('unitOption', { unit: nameIn(lang, g.unit), present: n(g.present), count: n(g.people) })}
          </option>
        ) : (
          <option key="other" value="other">
            {tr('otherUnit', { present: n(g.present), count: n(g.people) })}
          </option>
        ),
      )}
    </Select>
  );
}

function RollLoadError({ onRetry }: { onRetry(): void }) {
  const tr = useT(rollMessages);
  return (
    <div className="row waiting-note">
      <p className="field-error grow" role="alert">
        {tr('loadFailed')}
      </p>
      <Button variant="secondary" onClick={onRetry}>
        {tr('retry')}
      </Button>
    </div>
  );
}

/**
 * The names shown, and marking many at once: in "select many", the boxes select, "select all" takes every name shown
 * not yet present, and one tap marks them all (one request when online).
 */
function RollList({ eventId, lines, roll, onMore, loading }: { eventId: number; lines: RollLine[]; roll: Roll; onMore(): void; loading: boolean }) {
  const tr = useT(rollMessages);
  const { lang } = useLang();
  const n = (x: number) => formatNumber(x, lang);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [marked, setMarked] = useState<number>();
  const open = useMemo(() => lines.filter((l) => !l.present && !l.waiting).map((l) => l.person.id), [lines]);
  const chosen = open.filter((id) => selected.has(id));
  const onSelect = useCallback(
    (id: number, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const toggle = () => {
    setSelecting(!selecting);
    setSelected(new Set());
    setMarked(undefined);
  };
  const markChosen = async () => {
    await markManyPresent(eventId, chosen);
    setMarked(chosen.length);
    setSelected(new Set());
    setSelecting(false);
  };
  return (
    <>
      <div className="row roll-select">
        <p className="hint grow">{tr('shown', { shown: n(lines.length), total: n(roll.total) })}</p>
        <Button variant="secondary" aria-pressed={selecting} onClick={toggle}>
          {selecting ? tr('selectDone') : tr('selectMany')}
        </Button>
      </div>
      {marked !== undefined && <Banner kind="success">{tr('markedMany', { count: n(marked) })}</Banner>}
      {selecting && (
        <label className="choice roll-select-all">
          <input
            type="checkbox"
            checked={open.length > 0 && chosen.length === open.length}
            disabled={open.length === 0}
            onChange={(x) => setSelected(x.target.checked ? new Set(open) : new Set())}
          />
          <span>{tr('selectAll', { count: n(open.length) })}</span>
        </label>
      )}
      <ul className="list roll">
        {lines.map((l) => (
          <RollRow key={l.person.id} eventId={eventId} line={l} selecting={selecting} selected={selected.has(l.person.id)} onSelect={onSelect} />
        ))}
      </ul>
      {roll.nextOffset !== null && (
        <div className="actions">
          <Button variant="secondary" disabled={loading} onClick={onMore}>
            {tr('more', { count: n(Math.min(ROLL_PAGE, roll.total - lines.length)) })}
          </Button>
        </div>
      )}
      {selecting && (
        <div className="actions roll-mark-bar">
          <Button disabled={chosen.length === 0} onClick={() => void markChosen()}>
            {tr('markSelected', { count: n(chosen.length) })}
          </Button>
        </div>
      )}
    </>
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
