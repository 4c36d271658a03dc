import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { eventMessages } from './messages.ts';
import type { EventListItem } from './types.ts';
import { phaseOf } from './when.ts';

/** What a glance needs: cancelled, on now or over, held and how many came, and the person's own answer. */
export function EventBadges({ event: e, present }: { event: EventListItem; present?: boolean }) {
  const t = useT(eventMessages);
  const { lang } = useLang();
  const phase = phaseOf(e);
  const badges: Array<{ key: string; text: string; tone: string }> = [];
  if (e.cancelled) badges.push({ key: 'cancelled', text: t('cancelled'), tone: 'bad' });
  else if (phase !== 'upcoming') badges.push({ key: 'phase', text: t(`phase_${phase}`), tone: phase === 'now' ? 'todo' : 'plain' });
  if (e.heldAt) badges.push({ key: 'held', text: `✓ ${t('held')}`, tone: 'done' });
  if (e.attendees > 0) badges.push({ key: 'attendees', text: t('attendees', { count: formatNumber(e.attendees, lang) }), tone: 'plain' });
  if (e.holdAt && e.children > 0) badges.push({ key: 'children', text: t('linkedCount', { count: formatNumber(e.children, lang) }), tone: 'plain' });
  if (e.myRsvp) badges.push({ key: 'rsvp', text: t(`myRsvp_${e.myRsvp}`), tone: e.myRsvp === 'yes' ? 'done' : 'plain' });
  if (present) badges.push({ key: 'present', text: t('present'), tone: 'done' });
  if (badges.length === 0) return null;
  return (
    <span className="event-badges">
      {badges.map((b) => (
        <span key={b.key} className={`event-badge ${b.tone}`}>
          {b.text}
        </span>
      ))}
    </span>
  );
}
