/**
 * The command centre in one answer: for an area the caller may see (the city, a district or a street),
 * today's key figures with the change from yesterday, the epidemic curve by report and onset date, its
 * sub-areas for the map (open alert level, incidence), Rt and growth per sub-area, open alerts, open news
 * signals and data freshness by source. Built from a handful of indexed reads (counts by area, indicator
 * and date; open alerts by area prefix), so it stays well inside the 2-second budget.
 */
import { isWithinArea, type Clock } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import { areaPopulation, childrenOf, findArea } from '@shuzhi/geo';
import { levelRank, type AlertLevel } from '../alerts/alert-levels.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { SignalView } from '../signals/signals.schema.js';
import { dailySeries } from '../indicators/daily-series.js';
import { countIndicators, type CountIndicator } from '../indicators/indicator-catalogue.js';
import { seriesLevelOf } from '../indicators/indicator-areas.js';
import type { IndicatorsRepository } from '../indicators/indicators.repository.js';
import { missingIsZero, type IndicatorsService } from '../indicators/indicators.service.js';
import { addDays, localToday } from '../indicators/local-date.js';
import type { Dashboard, FreshnessEntry } from './dashboard.schema.js';
import { rtOfArea, type SerialInterval } from './rt-by-area.js';

/** What the command centre shows from other modules; each is optional. */
export interface DashboardPorts {
  /** Open news signals (the signals module's `listOpenSignals`). */
  openSignals?: (ctx: AccessContext, limit: number) => Promise<SignalView[]>;
  /** Data freshness by source (the hub's sources quality API); preferred when given. */
  sourceFreshness?: (ctx: AccessContext) => Promise<FreshnessEntry[]>;
  /** The registered sources the caller may see (the hub's `listSources`), joined with what the feed saw. */
  listSources?: (ctx: AccessContext) => Promise<RegisteredSource[]>;
}

export interface RegisteredSource {
  id: string;
  name: string;
  type: string;
  createdAt: string;
  expectedIntervalHours: number;
}

export interface DashboardDeps {
  indicators: IndicatorsService;
  repository: IndicatorsRepository;
  alerts: AlertsService;
  clock: Clock;
  ports: DashboardPorts;
  serialInterval: SerialInterval;
}

/** The figures of the top row, in order. */
const keyFigures: (CountIndicator | 'test_positivity')[] = [
  'confirmed_cases',
  'asymptomatic_infections',
  'tests_performed',
  'tests_positive',
  'test_positivity',
  'fever_clinic_visits',
  'ili',
  'antipyretic_sales',
  'cough_medicine_sales',
  'school_absenteeism',
];
const CURVE_DAYS = 42;
const RT_DAYS = 56;

type Area = Dashboard['area'];

function areaOf(code: string): Area | null {
  const area = findArea(code);
  return area ? { code: area.code, name: area.name, nameEn: area.nameEn, level: area.level } : null;
}

function populationOf(code: string): number | null {
  try {
    return areaPopulation(code);
  } catch {
    return null;
  }
}

export class DashboardService {
  constructor(private readonly deps: DashboardDeps) {}

  async overview(ctx: AccessContext, requested?: string): Promise<Dashboard> {
    const started = performance.now();
    const { indicators, repository } = this.deps;
    const area = requested ? indicators.visibleArea(ctx, requested) : indicators.rootArea(ctx);
    const parentCode = findArea(area.code)?.parentCode ?? null;
    const parent =
      parentCode && seriesLevelOf(parentCode) && isWithinArea(parentCode, ctx.principal.areaCode)
        ? areaOf(parentCode)
        : null;
    const children =
      area.level === 'street' ? [] : childrenOf(area.code).flatMap((c) => areaOf(c.code) ?? []);
    const today = localToday(this.deps.clock.now());
    const latest = await repository.latestDate();
    const asOf = latest !== null && latest < today ? latest : today;
    const from = addDays(asOf, -(RT_DAYS + 7));
    const rows = await repository.counts({
      indicators: countIndicators,
      areaCodes: [area.code, ...children.map((c) => c.code)],
      from,
      to: asOf,
    });
    const byCell = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const key = `${r.area_code}|${r.indicator}`;
      const m = byCell.get(key) ?? new Map<string, number>();
      m.set(r.date, r.count);
      byCell.set(key, m);
    }
    const series = (code: string, indicator: CountIndicator, range: { from: string; to: string }) =>
      dailySeries(byCell.get(`${code}|${indicator}`) ?? new Map(), range, missingIsZero(indicator));
    const window = { from, to: asOf };

    const [openAlerts, signals, freshness] = await Promise.all([
      this.deps.alerts.openIn(area.code, 500),
      this.deps.ports.openSignals
        ? this.deps.ports
            .openSignals(ctx, 50)
            .then((list) =>
              list.filter((s) => s.areaCode === null || isWithinArea(s.areaCode, area.code)).slice(0, 10),
            )
        : Promise.resolve(null),
      this.freshness(ctx),
    ]);

    return {
      area,
      parent,
      asOf,
      today,
      figures: keyFigures.map((indicator) => this.figure(indicator, (i) => series(area.code, i, window))),
      epicurve: this.epicurve(asOf, (i, r) => series(area.code, i, r)),
      map: {
        level: children[0]?.level ?? null,
        areas: children.map((child) => {
          const inChild = openAlerts.filter((a) => isWithinArea(a.area.code, child.code));
          const top = inChild.reduce<AlertLevel | null>(
            (m, a) => (m === null || levelRank(a.level) > levelRank(m) ? a.level : m),
            null,
          );
          const cases7 = this.infections(child.code, series, { from: addDays(asOf, -6), to: asOf }).reduce(
            (a, b) => a + b,
            0,
          );
          const population = populationOf(child.code);
          return {
            ...child,
            alertLevel: top,
            openAlerts: inChild.length,
            cases7,
            incidence7: population ? (cases7 / population) * 100_000 : null,
            population,
          };
        }),
      },
      rt: this.rt(area, children, asOf < today ? asOf : addDays(asOf, -1), series),
      alerts: {
        open: openAlerts.slice(0, 10),
        byLevel: {
          blue: openAlerts.filter((a) => a.level === 'blue').length,
          yellow: openAlerts.filter((a) => a.level === 'yellow').length,
          orange: openAlerts.filter((a) => a.level === 'orange').length,
          red: openAlerts.filter((a) => a.level === 'red').length,
        },
      },
      signals,
      freshness,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** Today, yesterday and the last two weeks of one figure (counts summed, positivity as a percentage). */
  private figure(
    indicator: CountIndicator | 'test_positivity',
    seriesOf: (i: CountIndicator) => { date: string; count: number | null }[],
  ): Dashboard['figures'][number] {
    const sum = (values: readonly (number | null)[]) =>
      values.every((v) => v === null) ? null : values.reduce<number>((a, b) => a + (b ?? 0), 0);
    const counts = (i: CountIndicator) => seriesOf(i).map((p) => p.count);
    // A figure over days: a sum, or for positivity the positives over the tests of those days.
    let over: (from: number, to?: number) => number | null;
    if (indicator === 'test_positivity') {
      const positive = counts('tests_positive');
      const tests = counts('tests_performed');
      over = (from, to) => {
        const total = sum(tests.slice(from, to));
        return total ? (100 * (sum(positive.slice(from, to)) ?? 0)) / total : null;
      };
    } else {
      const values = counts(indicator);
      over = (from, to) => sum(values.slice(from, to));
    }
    const today = over(-1);
    const yesterday = over(-2, -1);
    return {
      indicator,
      today,
      yesterday,
      change: today !== null && yesterday !== null ? today - yesterday : null,
      last7: over(-7),
      previous7: over(-14, -7),
    };
  }

  private epicurve(
    asOf: string,
    seriesOf: (
      i: CountIndicator,
      range: { from: string; to: string },
    ) => { date: string; count: number | null }[],
  ): Dashboard['epicurve'] {
    const range = { from: addDays(asOf, 1 - CURVE_DAYS), to: asOf };
    const values = (i: CountIndicator) => seriesOf(i, range).map((p) => p.count ?? 0);
    return {
      dates: seriesOf('confirmed_cases', range).map((p) => p.date),
      byReport: values('confirmed_cases'),
      byOnset: values('confirmed_by_onset'),
      asymptomatic: values('asymptomatic_infections'),
    };
  }

  /** New infections (confirmed and asymptomatic) by report day. */
  private infections(
    code: string,
    seriesOf: (
      code: string,
      i: CountIndicator,
      range: { from: string; to: string },
    ) => { count: number | null }[],
    range: { from: string; to: string },
  ): number[] {
    const confirmed = seriesOf(code, 'confirmed_cases', range);
    const asymptomatic = seriesOf(code, 'asymptomatic_infections', range);
    return confirmed.map((c, i) => (c.count ?? 0) + (asymptomatic[i]?.count ?? 0));
  }

  private rt(
    area: Area,
    children: readonly Area[],
    through: string,
    seriesOf: (
      code: string,
      i: CountIndicator,
      range: { from: string; to: string },
    ) => { date: string; count: number | null }[],
  ): Dashboard['rt'] {
    const range = { from: addDays(through, 1 - RT_DAYS), to: through };
    const dates = seriesOf(area.code, 'confirmed_cases', range).map((p) => p.date);
    const si = this.deps.serialInterval;
    const own = rtOfArea(dates, this.infections(area.code, seriesOf, range), si);
    return {
      serialInterval: si,
      area: own,
      children: children.map((child) => {
        const estimate = rtOfArea(dates, this.infections(child.code, seriesOf, range), si);
        return { ...child, latest: estimate.latest, growth: estimate.growth, recent: estimate.recent };
      }),
    };
  }

  /**
   * When each source last sent data indicators are made from (the change feed's record of it), for every
   * registered source the caller may see; a source is overdue when silent longer than it is expected to
   * report in (counted from its registration if it never sent anything).
   */
  private async freshness(ctx: AccessContext): Promise<FreshnessEntry[]> {
    if (this.deps.ports.sourceFreshness) return this.deps.ports.sourceFreshness(ctx);
    const activity = new Map((await this.deps.indicators.sourceActivity()).map((a) => [a.sourceId, a]));
    const now = this.deps.clock.now().getTime();
    if (!this.deps.ports.listSources)
      return [...activity.values()].map((a) => ({
        sourceId: a.sourceId,
        name: a.sourceId,
        type: null,
        lastDataAt: a.lastEventAt,
        expectedIntervalHours: null,
        overdue: null,
      }));
    const sources = await this.deps.ports.listSources(ctx);
    return sources
      .map((source) => {
        const last = activity.get(source.id)?.lastEventAt ?? null;
        const since = Date.parse(last ?? source.createdAt);
        return {
          sourceId: source.id,
          name: source.name,
          type: source.type,
          lastDataAt: last,
          expectedIntervalHours: source.expectedIntervalHours,
          overdue: now - since > source.expectedIntervalHours * 3_600_000,
        };
      })
      .sort(
        (a, b) =>
          Number(b.overdue) - Number(a.overdue) || (b.lastDataAt ?? '').localeCompare(a.lastDataAt ?? ''),
      );
  }
}
