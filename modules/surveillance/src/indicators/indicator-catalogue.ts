/**
 * The indicators early warning watches, with their names in both languages and where their counts come
 * from: derived from the hub's records as they arrive, imported (`area,indicator,date,count`), or both.
 * The codes are the simulator's and the import template's (`fever_clinic_visits`, `tests_positive`…).
 */

export const countIndicators = [
  'confirmed_cases',
  'confirmed_by_onset',
  'asymptomatic_infections',
  'tests_performed',
  'tests_positive',
  'fever_clinic_visits',
  'ili',
  'antipyretic_sales',
  'cough_medicine_sales',
  'school_absenteeism',
  'consultation_requests',
] as const;
export type CountIndicator = (typeof countIndicators)[number];

/** Ratios are computed from two count series when read; they are shown but not stored. */
export const ratioIndicators = ['test_positivity'] as const;
export type RatioIndicator = (typeof ratioIndicators)[number];

export type Indicator = CountIndicator | RatioIndicator;
export const indicators: readonly Indicator[] = [...countIndicators, ...ratioIndicators];

export interface IndicatorDefinition {
  code: Indicator;
  nameZh: string;
  nameEn: string;
  /** Where the counts come from. */
  origin: 'hub' | 'import' | 'hub-or-import';
  /** What a count means, for the page. */
  unitZh: string;
  unitEn: string;
  /** For a ratio: numerator / denominator. */
  ratioOf?: { numerator: CountIndicator; denominator: CountIndicator };
}

export const indicatorDefinitions: Record<Indicator, IndicatorDefinition> = {
  confirmed_cases: {
    code: 'confirmed_cases',
    nameZh: '新增确诊病例（报告日期）',
    nameEn: 'New confirmed cases (by report date)',
    origin: 'hub-or-import',
    unitZh: '例',
    unitEn: 'cases',
  },
  confirmed_by_onset: {
    code: 'confirmed_by_onset',
    nameZh: '确诊病例（发病日期）',
    nameEn: 'Confirmed cases (by onset date)',
    origin: 'hub-or-import',
    unitZh: '例',
    unitEn: 'cases',
  },
  asymptomatic_infections: {
    code: 'asymptomatic_infections',
    nameZh: '新增无症状感染者',
    nameEn: 'New asymptomatic infections',
    origin: 'hub-or-import',
    unitZh: '例',
    unitEn: 'infections',
  },
  tests_performed: {
    code: 'tests_performed',
    nameZh: '核酸和抗原检测人次',
    nameEn: 'Tests performed',
    origin: 'hub-or-import',
    unitZh: '人次',
    unitEn: 'tests',
  },
  tests_positive: {
    code: 'tests_positive',
    nameZh: '阳性检测人次',
    nameEn: 'Positive tests',
    origin: 'hub-or-import',
    unitZh: '人次',
    unitEn: 'tests',
  },
  fever_clinic_visits: {
    code: 'fever_clinic_visits',
    nameZh: '发热门诊就诊人次',
    nameEn: 'Fever-clinic visits',
    origin: 'hub-or-import',
    unitZh: '人次',
    unitEn: 'visits',
  },
  ili: {
    code: 'ili',
    nameZh: '流感样病例（ILI）就诊',
    nameEn: 'Influenza-like illness consultations',
    origin: 'import',
    unitZh: '人次',
    unitEn: 'consultations',
  },
  antipyretic_sales: {
    code: 'antipyretic_sales',
    nameZh: '退热药销量',
    nameEn: 'Antipyretic sales',
    origin: 'hub-or-import',
    unitZh: '盒',
    unitEn: 'units',
  },
  cough_medicine_sales: {
    code: 'cough_medicine_sales',
    nameZh: '止咳药销量',
    nameEn: 'Cough-medicine sales',
    origin: 'hub-or-import',
    unitZh: '盒',
    unitEn: 'units',
  },
  school_absenteeism: {
    code: 'school_absenteeism',
    nameZh: '学校缺勤人数',
    nameEn: 'School absenteeism',
    origin: 'import',
    unitZh: '人',
    unitEn: 'pupils',
  },
  consultation_requests: {
    code: 'consultation_requests',
    nameZh: '在线问诊请求',
    nameEn: 'Consultation requests',
    origin: 'import',
    unitZh: '次',
    unitEn: 'requests',
  },
  test_positivity: {
    code: 'test_positivity',
    nameZh: '检测阳性率',
    nameEn: 'Test positivity',
    origin: 'hub-or-import',
    unitZh: '%',
    unitEn: '%',
    ratioOf: { numerator: 'tests_positive', denominator: 'tests_performed' },
  },
};

export function isCountIndicator(value: string): value is CountIndicator {
  return (countIndicators as readonly string[]).includes(value);
}

export function isIndicator(value: string): value is Indicator {
  return (indicators as readonly string[]).includes(value);
}
