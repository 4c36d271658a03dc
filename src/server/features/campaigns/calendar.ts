import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { CalendarEntry, FeedRequest } from '../events/index.ts';

/** A phase's day as the start of a whole-day entry (ical-generator writes a whole day from its UTC date). */
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * The phases of the campaigns a feed's owner follows, as whole-day entries (the phase's first day to its last). A
 * unit's feed: campaigns planned at the unit, above it (a national campaign reaches every booth) or below it; a
 * person's: those planned in their turf or above it, as the campaigns list shows them. A unit outside the owner's turf
 * gives nothing (the feed itself answers 404 for it).
 */
export async function campaignPhaseEntries(db: Kysely<Schema>, feed: FeedRequest): Promise<CalendarEntry[]> {
  const { actor } = feed;
  let roots = actor.turf.roots;
  if (feed.unitId !== null) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', feed.unitId).executeTakeFirst();
    if (!unit || !actor.turf.covers(unit.path)) return [];
    roots = [unit.path];
  }
  if (roots.length === 0) return [];
  const above = [...new Set(roots.flatMap((r) => r.split('.').map(Number)))];
  const { rows } = await sql<{
    id: number;
    campaign_id: number;
    c_title_hi: string | null;
    c_title_en: string | null;
    title_hi: string | null;
    title_en: string | null;
    starts_on: string;
    ends_before: string;
    name_hi: string;
    name_en: string;
    cancelled: boolean;
    modified_at: Date;
  }>`
    select ph.id, c.id as campaign_id, c.title_hi as c_title_hi, c.title_en as c_title_en, ph.title_hi, ph.title_en,
      ph.starts_on::text as starts_on, (ph.ends_on + 1)::text as ends_before, u.name_hi, u.name_en,
      c.cancelled_at is not null as cancelled, coalesce(c.cancelled_at, c.created_at) as modified_at
    from campaigns c join units u on u.id = c.unit_id join campaign_phases ph on ph.campaign_id = c.id
    where (c.unit_id = any(${above}::int[]) or ${sql.join(
      roots.map((r) => sql`u.path <@ ${r}::ltree`),
      sql` or `,
    )})
      and ph.ends_on >= ${feed.from.toISOString().slice(0, 10)}::date and ph.starts_on <= ${feed.to.toISOString().slice(0, 10)}::date
    order by ph.starts_on, ph.id limit 200`.execute(db);
  const en = feed.lang === 'en';
  const pick = (hi: string | null, english: string | null) => (en ? (english ?? hi) : (hi ?? english)) ?? '';
  return rows.map((p) => {
    const url = `${feed.appUrl}/campaigns/${p.campaign_id}`;
    return {
      key: `campaign-phase-${p.id}`,
      start: dayStart(p.starts_on),
      end: dayStart(p.ends_before),
      allDay: true,
      summary: `${pick(p.c_title_hi, p.c_title_en)}: ${pick(p.title_hi, p.title_en)} (${en ? 'campaign' : 'अभियान'})`,
      description: [en ? p.name_en : p.name_hi, url].join('\n'),
      location: null,
      url,
      cancelled: p.cancelled,
      // Phases are not edited once planned; a cancellation is the one change, and it comes with the campaign's row.
      sequence: p.cancelled ? 1 : 0,
      lastModified: p.modified_at,
    };
  });
}
