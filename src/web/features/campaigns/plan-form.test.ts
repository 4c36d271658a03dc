import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  defaultTargetLevel,
  fieldOfIssue,
  fieldsOfError,
  newPhase,
  parseAmount,
  targetLevels,
  todayInIndia,
  type ActivityDraft,
  type PhaseDraft,
  type PlanDraft,
} from './plan-form.ts';

const levels = [
  { code: 'booth', depth: 8 },
  { code: 'district', depth: 4 },
  { code: 'national', depth: 0 },
  { code: 'state', depth: 1 },
  { code: 'region', depth: 2 },
];

const activity = (over: Partial<ActivityDraft> = {}): ActivityDraft => ({
  key: 1,
  titleHi: ' जिला कार्यशाला ',
  titleEn: '',
  measure: 'events_held',
  eventKind: 'workshop',
  directiveId: '',
  targetLevel: 'district',
  split: 'perUnit',
  amount: '1',
  ...over,
});

const phase = (over: Partial<PhaseDraft> = {}): PhaseDraft => ({
  key: 1,
  titleHi: '',
  titleEn: 'District workshops',
  startsOn: '2026-11-21',
  endsOn: '2026-11-30',
  activities: [activity()],
  ...over,
});

const draft = (over: Partial<PlanDraft> = {}): PlanDraft => ({
  unit: { id: 3, level: 'state', nameEn: 'Uttar Pradesh', nameHi: 'उत्तर प्रदेश' },
  titleHi: 'ऐप अभियान',
  titleEn: '  ',
  description: '',
  phases: [phase()],
  ...over,
});

describe('the planning form', () => {
  it('offers the unit’s own level and those below it, top first, and starts one level below', () => {
    expect(targetLevels(levels, 'state').map((l) => l.code)).toEqual(['state', 'region', 'district', 'booth']);
    expect(targetLevels(levels, 'booth').map((l) => l.code)).toEqual(['booth']);
    expect(targetLevels(levels, undefined)).toEqual([]);
    expect(defaultTargetLevel(levels, 'state')).toBe('region');
    expect(defaultTargetLevel(levels, 'booth')).toBe('booth');
    expect(defaultTargetLevel(levels, undefined)).toBe('');
  });

  it('reads amounts as typed, with Indian grouping, and refuses what is not a whole number', () => {
    expect(parseAmount(' 20 ')).toBe(20);
    expect(parseAmount('1,00,000')).toBe(100_000);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('2.5')).toBeNaN();
    expect(parseAmount('-3')).toBeNaN();
    expect(parseAmount('बीस')).toBeNaN();
  });

  it('sends the plan trimmed, with only what each measure needs and the target as perUnit or total', () => {
    const { problems, body } = checkPlan(
      draft({
        description: '  कॉलेजों से शुरू  ',
        phases: [
          phase({
            activities: [
              activity(),
              activity({
                key: 2,
                titleEn: 'Volunteers',
                titleHi: '',
                measure: 'people_enrolled',
                eventKind: 'workshop',
                targetLevel: 'booth',
                split: 'total',
                amount: '1,00,000',
              }),
              activity({ key: 3, titleEn: 'Checked', measure: 'directives_done', directiveId: ' 12 ', eventKind: '', targetLevel: 'booth', amount: '1' }),
              activity({ key: 4, titleEn: 'Visits', measure: 'reported', eventKind: '', directiveId: '9', targetLevel: 'district', amount: '0' }),
            ],
          }),
        ],
      }),
      levels,
    );
    expect(problems).toEqual({});
    expect(body).toEqual({
      unitId: 3,
      titleHi: 'ऐप अभियान',
      description: 'कॉलेजों से शुरू',
      phases: [
        {
          titleEn: 'District workshops',
          startsOn: '2026-11-21',
          endsOn: '2026-11-30',
          activities: [
            { titleHi: 'जिला कार्यशाला', measure: 'events_held', eventKind: 'workshop', targetLevel: 'district', perUnit: 1 },
            { titleEn: 'Volunteers', measure: 'people_enrolled', targetLevel: 'booth', total: 100_000 },
            { titleHi: 'जिला कार्यशाला', titleEn: 'Checked', measure: 'directives_done', directiveId: 12, targetLevel: 'booth', perUnit: 1 },
            { titleHi: 'जिला कार्यशाला', titleEn: 'Visits', measure: 'reported', targetLevel: 'district', perUnit: 0 },
          ],
        },
      ],
    });
    // Any kind of event: no kind sent.
    expect(checkPlan(draft({ phases: [phase({ activities: [activity({ eventKind: '' })] })] }), levels).body?.phases[0]!.activities[0]).not.toHaveProperty(
      'eventKind',
    );
  });

  it('marks each problem at its field, as the contract would refuse it', () => {
    const { problems, body } = checkPlan(
      draft({
        unit: null,
        titleHi: ' ',
        phases: [
          phase({
            titleEn: '',
            startsOn: '2026-11-21',
            endsOn: '2026-11-20',
            activities: [
              activity({ titleHi: '', amount: '' }),
              activity({ key: 2, measure: 'directives_done', directiveId: 'x', split: 'total', amount: '2.5' }),
            ],
          }),
          phase({ key: 2, startsOn: '2026-11-01', endsOn: '', activities: [] }),
          phase({ key: 3, startsOn: '2026-13-01', endsOn: '2026-12-31', activities: [activity({ amount: '1000001' })] }),
        ],
      }),
      levels,
    );
    expect(body).toBeNull();
    expect(problems).toEqual({
      unit: 'unitMissing',
      title: 'titleMissing',
      'phases.0.title': 'titleMissing',
      'phases.0.endsOn': 'endsBeforeStart',
      'phases.0.activities.0.title': 'titleMissing',
      'phases.0.activities.0.amount': 'amountMissing',
      'phases.0.activities.1.directiveId': 'directiveMissing',
      'phases.0.activities.1.amount': 'amountInvalid',
      'phases.1.startsOn': 'outOfOrder',
      'phases.1.endsOn': 'dateMissing',
      'phases.1.activities': 'activitiesMissing',
      'phases.2.startsOn': 'dateInvalid',
      'phases.2.activities.0.amount': 'amountTooLarge',
    });
    expect(checkPlan(draft({ phases: [] }), levels).problems).toEqual({ phases: 'phasesMissing' });
    // A total may be larger than a per-unit target.
    expect(checkPlan(draft({ phases: [phase({ activities: [activity({ split: 'total', amount: '1000001' })] })] }), levels).problems).toEqual({});
  });

  it('refuses a target level above the campaign’s unit once the unit and the levels are known', () => {
    const above = draft({
      unit: { id: 5, level: 'district', nameEn: 'Sambhal', nameHi: 'संभल' },
      phases: [phase({ activities: [activity({ targetLevel: 'state' })] })],
    });
    expect(checkPlan(above, levels).problems).toEqual({ 'phases.0.activities.0.targetLevel': 'levelAbove' });
    expect(checkPlan({ ...above, unit: null }, levels).problems).toEqual({ unit: 'unitMissing' });
    expect(checkPlan(draft({ phases: [phase({ activities: [activity({ targetLevel: '' })] })] }), levels).problems).toEqual({
      'phases.0.activities.0.targetLevel': 'levelMissing',
    });
  });

  it('starts a new phase the day after the last one ends, or today', () => {
    expect(newPhase(phase({ endsOn: '2026-11-30' }), 'district', '2026-11-10')).toMatchObject({ startsOn: '2026-12-01', endsOn: '' });
    expect(newPhase(phase({ endsOn: '' }), 'district', '2026-11-10').startsOn).toBe('2026-11-10');
    const fresh = newPhase(undefined, 'booth', '2026-11-10');
    expect(fresh.activities).toHaveLength(1);
    expect(fresh.activities[0]).toMatchObject({ targetLevel: 'booth', measure: 'events_held', split: 'perUnit' });
    expect(fresh.key).not.toBe(fresh.activities[0]!.key);
  });

  it('knows today by India’s calendar', () => {
    // 20:00 UTC on 10 November is already 11 November in India.
    expect(todayInIndia(new Date('2026-11-10T20:00:00Z'))).toBe('2026-11-11');
    expect(todayInIndia(new Date('2026-11-10T10:00:00Z'))).toBe('2026-11-10');
  });

  it('places the server’s refusals at the form’s fields', () => {
    expect(fieldOfIssue('titleEn')).toBe('title');
    expect(fieldOfIssue('body.unitId')).toBe('unit');
    expect(fieldOfIssue('phases')).toBe('phases');
    expect(fieldOfIssue('phases.1.endsOn')).toBe('phases.1.endsOn');
    expect(fieldOfIssue('phases.1.titleHi')).toBe('phases.1.title');
    expect(fieldOfIssue('phases.0.activities.2.total')).toBe('phases.0.activities.2.amount');
    expect(fieldOfIssue('phases.0.activities.2.directiveId')).toBe('phases.0.activities.2.directiveId');
    expect(fieldOfIssue('phases.0.activities.2.measure')).toBeNull();
    expect(fieldOfIssue('clientKey')).toBeNull();

    const plan = draft({
      phases: [phase({ activities: [activity(), activity({ key: 2, measure: 'directives_done', directiveId: '4', eventKind: '' })] })],
    });
    expect(fieldsOfError({ code: 'level_order', issues: [] }, plan)).toEqual(['phases.0.activities.0.targetLevel', 'phases.0.activities.1.targetLevel']);
    expect(fieldsOfError({ code: 'not_found', issues: [] }, plan)).toEqual(['phases.0.activities.1.directiveId']);
    expect(fieldsOfError({ code: 'validation', issues: [{ path: 'eventKind' }] }, plan)).toEqual(['phases.0.activities.0.eventKind']);
    expect(fieldsOfError({ code: 'forbidden', issues: [] }, plan)).toEqual(['unit']);
    expect(fieldsOfError({ code: 'not_found', issues: [] }, draft())).toEqual(['unit']);
    expect(fieldsOfError({ code: 'internal', issues: [] }, plan)).toEqual([]);
  });
});
