import { describe, expect, it } from 'vitest';
import { normalizeNewsText } from '../text/normalize.js';
import { findDiseaseMentions, summarizeDiseases } from './disease-extraction.js';

const diseasesIn = (text: string, lang: 'zh' | 'en') =>
  summarizeDiseases(findDiseaseMentions(normalizeNewsText(text), lang));

describe('disease extraction', () => {
  it.each([
    ['新冠', 'covid-19'],
    ['新型冠状病毒', 'covid-19'],
    ['COVID-19', 'covid-19'],
    ['SARS-CoV-2', 'covid-19'],
    ['流感', 'influenza'],
    ['甲流', 'influenza'],
    ['禽流感', 'avian-influenza'],
    ['登革热', 'dengue'],
    ['麻疹', 'measles'],
    ['诺如', 'norovirus'],
    ['霍乱', 'cholera'],
    ['猴痘', 'mpox'],
    ['手足口病', 'hfmd'],
  ])('maps the Chinese name %s to %s', (name, id) => {
    expect(diseasesIn(`某地报告${name}病例`, 'zh')[0]?.id).toBe(id);
  });

  it.each([
    ['bird flu', 'avian-influenza'],
    ['monkeypox', 'mpox'],
    ['whooping cough', 'pertussis'],
    ['hand, foot and mouth disease', 'hfmd'],
    ["Legionnaires' disease", 'legionellosis'],
  ])('maps the English name %s to %s', (name, id) => {
    expect(diseasesIn(`Officials reported ${name} cases`, 'en')[0]?.id).toBe(id);
  });

  it('reads an influenza A subtype: H5N1 is avian, H3N2 seasonal, H1N2v a swine variant', () => {
    expect(diseasesIn('Cambodia reports H5N1 case', 'en')[0]).toMatchObject({
      id: 'avian-influenza',
      subtypes: ['H5N1'],
    });
    expect(diseasesIn('检出甲型H3N2流感', 'zh')[0]).toMatchObject({ id: 'influenza', subtypes: ['H3N2'] });
    expect(diseasesIn('influenza A(H1N2)v in a fair visitor', 'en')[0]).toMatchObject({ id: 'influenza' });
  });

  it('folds "H5N6 flu" into avian influenza rather than listing seasonal flu too', () => {
    expect(diseasesIn('人感染H5N6禽流感，季节性流感监测正常', 'zh').map((d) => d.id)).toEqual([
      'avian-influenza',
    ]);
  });

  it('reads mpox clades and SARS-CoV-2 lineages as subtypes', () => {
    expect(diseasesIn('深圳报告首例Ib亚分支猴痘病例', 'zh')[0]?.subtypes).toEqual(['clade Ib']);
    expect(diseasesIn('测序显示为XBB.1.5变异株，新冠感染', 'zh')[0]?.subtypes).toEqual(['XBB.1.5']);
  });

  it('puts a cause named only as something to rule out behind the unexplained illness', () => {
    const diseases = diseasesIn('多名村民不明原因发热，排查恙虫病、钩端螺旋体病等可能病因', 'zh');
    expect(diseases[0]?.id).toBe('unexplained-illness');
  });

  it('names the found cause first once it is stated', () => {
    expect(diseasesIn('不明原因发热事件确诊为恙虫病，恙虫病东方体阳性', 'zh')[0]?.id).toBe('scrub-typhus');
  });

  it('gives ICD-10 codes and both labels', () => {
    expect(diseasesIn('霍乱', 'zh')[0]).toMatchObject({ icd10: 'A00', nameEn: 'Cholera', nameZh: '霍乱' });
  });
});
