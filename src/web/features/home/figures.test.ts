import { describe, expect, it } from 'vitest';
import * as figures from './figures.ts';
import type { CampaignList, CampaignProgress, EventListItem } from './figures.ts';

const { leadsUnitsBelow, phaseFigure, runningCampaign, upcoming, weekWindow } = figures;

/** The default tree's depths of the levels these tests need. */
const depths = { district: 4, shakti_kendra: 7, booth: 8 };
const levels = Object.entries(depths).map(([code, depth]) => ({ code, depth }));

describe('the home figures', () => {
  it('are for someone whose area reaches below its top, not for a booth worker', () => {
    expect(leadsUnitsBelow([{ level: 'district' }], levels)).toBe(true);
    expect(leadsUnitsBelow([{ level: 'booth' }], levels)).toBe(false);
    expect(leadsUnitsBelow([{ level: 'booth' }, { level: 'shakti_kendra' }], levels)).toBe(true);
    expect(leadsUnitsBelow([{ level: 'district' }], undefined)).toBe(false); // names not loaded yet: wait
  });

  it('count this week from the start of today, without events called off', () => {
    const { from, to } = weekWindow(new Date(2026, 10, 10, 15, 30));
    expect(new Date(from)).toEqual(new Date(2026, 10, 10));
    expect(new Date(to)).toEqual(new Date(2026, 10, 17));
    const event = (id: number, cancelled: boolean) => ({ id, cancelled }) as EventListItem;
    expect(upcoming([event(1, false), event(2, true), event(3, false)]).map((e) => e.id)).toEqual([1, 3]);
    expect(upcoming(undefined)).toEqual([]);
  });

  it('follow the campaign running today and its phase’s first activity', () => {
    const list = {
      items: [
        { id: 1, cancelled: false, currentPhase: null },
        { id: 2, cancelled: true, currentPhase: { id: 20 } },
        { id: 3, cancelled: false, currentPhase: { id: 30 } },
      ],
    } as unknown as CampaignList;
    expect(runningCampaign(list)?.id).toBe(3);
    expect(runningCampaign({ items: [] })).toBeUndefined();
    const progress = {
      activities: [
        { phaseId: 29, target: 1 },
        { phaseId: 30, target: 40, achieved: 12 },
      ],
    } as unknown as CampaignProgress;
    expect(phaseFigure(progress, 30)).toMatchObject({ target: 40, achieved: 12 });
    expect(phaseFigure(progress, 31)).toBeUndefined();
  });
});
