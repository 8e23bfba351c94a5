/**
 * Daily surveillance indicators by district (and for the whole city): fever-clinic visits, influenza-like
 * illness consultations, antipyretic and cough-medicine sales, school absenteeism, tests performed and
 * tests positive — the series early warning watches.
 */

export const indicatorNames = [
  'fever_clinic_visits',
  'ili',
  'antipyretic_sales',
  'cough_medicine_sales',
  'school_absenteeism',
  'tests_performed',
  'tests_positive',
] as const;
export type IndicatorName = (typeof indicatorNames)[number];

export interface IndicatorRow {
  /** GB/T 2260 code of the district, or the city code for the city total. */
  area: string;
  indicator: IndicatorName;
  date: string;
  count: number;
}

/** One day's counts, indicator × district. */
export class IndicatorCounts {
  private readonly counts: Float64Array;
  /** Indicators not reported that day (school absenteeism on days without school). */
  private readonly silent = new Set<IndicatorName>();

  constructor(private readonly districtCount: number) {
    this.counts = new Float64Array(indicatorNames.length * districtCount);
  }

  add(indicator: IndicatorName, district: number, amount = 1): void {
    if (district < 0) return;
    this.counts[indicatorNames.indexOf(indicator) * this.districtCount + district]! += amount;
  }

  get(indicator: IndicatorName, district: number): number {
    return this.counts[indicatorNames.indexOf(indicator) * this.districtCount + district]!;
  }

  markNotReported(indicator: IndicatorName): void {
    this.silent.add(indicator);
  }

  /** Rows for every district and the city total, in indicator then area order. */
  rows(date: string, districtCodes: readonly string[], cityCode: string): IndicatorRow[] {
    const rows: IndicatorRow[] = [];
    for (const indicator of indicatorNames) {
      if (this.silent.has(indicator)) continue;
      let total = 0;
      districtCodes.forEach((code, d) => {
        const count = this.get(indicator, d);
        total += count;
        rows.push({ area: code, indicator, date, count });
      });
      rows.push({ area: cityCode, indicator, date, count: total });
    }
    return rows;
  }
}
