// Types only (`import type`): the zod schemas stay out of the browser's bundle.
import type { z } from 'zod';
import type { CampaignList as CampaignListSchema, CampaignProgress } from '../../../contracts/campaigns.ts';
import type { Inbox } from '../../../contracts/directives.ts';
import type { EventListItem } from '../../../contracts/events.ts';

export type { CampaignProgress, EventListItem, Inbox };
export type CampaignList = z.infer<typeof CampaignListSchema>;

/**
 * The few figures of a leader's area on the home screen, each picked from a read the screens behind them already make
 * (the directives they follow, their events, the campaigns over them), so the home needs no endpoint of its own.
 */

/** Whether the person's area reaches below its top (a leader, who gets the figures), not just one booth. */
export function leadsUnitsBelow(turfRoots: ReadonlyArray<{ level: string }>, levels: ReadonlyArray<{ code: string; depth: number }> | undefined): boolean {
  if (!levels?.length) return false;
  const deepest = Math.max(...levels.map((l) => l.depth));
  return turfRoots.some((u) => (levels.find((l) => l.code === u.level)?.depth ?? deepest) < deepest);
}

/** The newest directive they follow, with how many of its target units have done what it asks. */
export function newestDirective(sent: Inbox | undefined) {
  return sent?.items[0];
}

/** The window the events figure counts: from the start of today, seven days. */
export function weekWindow(now = new Date()): { from: string; to: string } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return { from: start.toISOString(), to: new Date(start.getTime() + 7 * 86_400_000).toISOString() };
}

/** Events in the window that are not called off, soonest first (the list comes sorted by start). */
export function upcoming(events: readonly EventListItem[] | undefined): EventListItem[] {
  return (events ?? []).filter((e) => !e.cancelled);
}

/** The campaign with a phase running today (the list's first such), if any. */
export function runningCampaign(list: CampaignList | undefined) {
  return list?.items.find((c) => !c.cancelled && c.currentPhase !== null);
}

/** The running phase's first activity, counted at the top of the person's area under the campaign: its target and how far it got. */
export function phaseFigure(progress: CampaignProgress | undefined, phaseId: number | undefined) {
  return progress?.activities.find((a) => a.phaseId === phaseId);
}
