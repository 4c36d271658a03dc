import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Bar } from '../../ui/components.tsx';
import { labelOf, type OrgMeta } from '../org/index.ts';
import { eventMessages } from './messages.ts';
import type { EventRollup } from './types.ts';

type Row = EventRollup['children'][number];

/** The share held, 0..1; a unit with nothing to hold counts as done. */
export const heldShare = (r: { events: number; held: number }) => (r.events > 0 ? r.held / r.events : 1);

/** A bar's tone: all held, some, none. */
export const toneOf = (r: { events: number; held: number }) => (r.held >= r.events ? 'good' : r.held > 0 ? 'warn' : 'bad');

/** A unit below with how many of its places held the event and how many came; tapping it goes one level down. */
export function RollupRow({ eventId, row, drill, meta }: { eventId: number; row: Row; drill: boolean; meta: OrgMeta | undefined }) {
  const t = useT(eventMessages);
  const { lang } = useLang();
  const num = (n: number) => formatNumber(n, lang);
  const name = nameIn(lang, row.unit);
  const heading = (
    <span className="grow">
      <strong>{name}</strong> <span className="sub">{labelOf(meta?.levels, row.unit.level, lang)}</span>
    </span>
  );
  return (
    <li>
      {drill ? (
        <Link className="cov-name" href={`/events/${eventId}/rollup/${row.unit.id}`}>
          {heading}
          <span aria-hidden="true">›</span>
        </Link>
      ) : row.eventId !== null ? (
        // A place the event is held at: its own event page (venue, attendance, minutes).
        <Link className="cov-name" href={`/events/${row.eventId}`}>
          {heading}
          <span aria-hidden="true">›</span>
        </Link>
      ) : (
        <div className="row cov-name">{heading}</div>
      )}
      <div className="cov-figures">
        <span>{t('childFigures', { held: num(row.held), events: num(row.events), attendees: num(row.attendees) })}</span>
      </div>
      <Bar ratio={heldShare(row)} tone={toneOf(row)} label={t('barLabel', { name, held: num(row.held), events: num(row.events) })} />
    </li>
  );
}
