import { describe, expect, it } from 'vitest';
import { defaultEscalation, episodeLevel } from './alert-levels.js';
import { foldAlarms, type Alarm, type EpisodeState } from './episodes.js';

const alarm = (date: string, over: Partial<Alarm> = {}): Alarm => ({
  ruleId: 'ears-fever_clinic_visits-district',
  algorithm: 'earsC2',
  aggregation: 'daily',
  date,
  observed: 12,
  expected: 5,
  upperbound: 10,
  baseLevel: 'blue',
  escalation: defaultEscalation,
  ...over,
});
const options = { quietDays: 7, corroborating: 0 };

describe('alert levels', () => {
  it('starts at the rule’s base level and rises with persistence, size and corroboration', () => {
    const base = {
      baseLevel: 'blue' as const,
      escalation: defaultEscalation,
      alarmDays: 1,
      peakRatio: 1.2,
      corroborating: 0,
    };
    expect(episodeLevel(base)).toBe('blue');
    expect(episodeLevel({ ...base, alarmDays: 3 })).toBe('yellow');
    expect(episodeLevel({ ...base, alarmDays: 8 })).toBe('red');
    expect(episodeLevel({ ...base, peakRatio: 3 })).toBe('orange');
    expect(episodeLevel({ ...base, corroborating: 1 })).toBe('yellow');
    expect(episodeLevel({ ...base, peakRatio: 5, corroborating: 2 })).toBe('red');
  });
});

describe('alert episodes', () => {
  it('opens one alert for alarms of two algorithms on the same days', () => {
    const { update, rest } = foldAlarms(
      null,
      [
        alarm('2022-03-05'),
        alarm('2022-03-05', { ruleId: 'noufaily', algorithm: 'farringtonFlexible' }),
        alarm('2022-03-06'),
      ],
      options,
    );
    expect(rest).toEqual([]);
    expect(update!.transition).toBe('opened');
    expect(update!.state).toMatchObject({
      status: 'new',
      firstAlarmDate: '2022-03-05',
      lastAlarmDate: '2022-03-06',
      algorithms: ['earsC2', 'farringtonFlexible'],
    });
    expect([...update!.state.alarmDates]).toEqual(['2022-03-05', '2022-03-06']);
  });

  it('adds later days to the open episode and escalates it when the alarm persists', () => {
    const first = foldAlarms(null, [alarm('2022-03-05'), alarm('2022-03-06')], options).update!.state;
    const next = foldAlarms(first, [alarm('2022-03-07')], options).update!;
    expect(next.transition).toBe('escalated');
    expect(next.state.level).toBe('yellow');
    const same = foldAlarms(next.state, [alarm('2022-03-07')], options).update!;
    expect(same.transition).toBeNull();
  });

  it('starts a new episode after more than the quiet days without an alarm', () => {
    const first = foldAlarms(null, [alarm('2022-03-01')], options).update!.state;
    const { update, rest } = foldAlarms(first, [alarm('2022-03-09'), alarm('2022-03-10')], options);
    expect(update!.transition).toBe('opened');
    expect(update!.state.firstAlarmDate).toBe('2022-03-09');
    expect(rest).toEqual([]);
    const split = foldAlarms(null, [alarm('2022-03-01'), alarm('2022-03-20')], options);
    expect(split.update!.state.lastAlarmDate).toBe('2022-03-01');
    expect(split.rest.map((a) => a.date)).toEqual(['2022-03-20']);
  });

  it('keeps a dismissed alert dismissed on more of the same, and reopens it when it grows beyond', () => {
    const opened = foldAlarms(null, [alarm('2022-03-05')], options).update!.state;
    const dismissed: EpisodeState = { ...opened, status: 'dismissed', levelAtTriage: 'blue' };
    const more = foldAlarms(dismissed, [alarm('2022-03-06')], options).update!;
    expect(more.state.status).toBe('dismissed');
    expect(more.transition).toBe('updated');
    const bigger = foldAlarms(
      more.state,
      [alarm('2022-03-07', { observed: 50, upperbound: 10 })],
      options,
    ).update!;
    expect(bigger.transition).toBe('reopened');
    expect(bigger.state).toMatchObject({ status: 'new', level: 'red' });
  });

  it('never lowers an episode’s level', () => {
    const high = foldAlarms(null, [alarm('2022-03-05', { observed: 60, upperbound: 10 })], options).update!
      .state;
    expect(high.level).toBe('red');
    const later = foldAlarms(high, [alarm('2022-03-06', { observed: 11 })], options).update!;
    expect(later.state.level).toBe('red');
  });
});
