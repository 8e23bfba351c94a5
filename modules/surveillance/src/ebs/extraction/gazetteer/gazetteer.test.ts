import { describe, expect, it } from 'vitest';
import { normalizeNewsText } from '../../text/normalize.js';
import { defaultGazetteer } from './gazetteer.js';

const gazetteer = defaultGazetteer();
const placesIn = (text: string, lang: 'zh' | 'en', homeArea?: string[]) =>
  gazetteer
    .findPlaceMentions(normalizeNewsText(text), lang, homeArea ? { homeArea } : {})
    .map((m) => [m.text, m.place.id]);

describe('gazetteer: Chinese places', () => {
  it('finds province, city, district and street with their GB/T 2260 codes', () => {
    expect(placesIn('株洲市天元区嵩山路街道一所小学', 'zh')).toEqual([
      ['株洲市', 'cn:4302'],
      ['天元区', 'cn:430211'],
      ['嵩山路街道', 'cn:430211001'],
    ]);
    const street = gazetteer.get('cn:430211001');
    expect(street).toMatchObject({ code: '430211001', scheme: 'GB/T 2260', level: 'street', country: 'CN' });
    expect(street?.ancestors).toEqual(['iso:CN', 'cn:43', 'cn:4302', 'cn:430211']);
  });

  it('knows short names: 湖南 for 湖南省, 广西 for 广西壮族自治区, 醴陵 for 醴陵市', () => {
    expect(placesIn('湖南、广西和醴陵', 'zh')).toEqual([
      ['湖南', 'cn:43'],
      ['广西', 'cn:45'],
      ['醴陵', 'cn:430281'],
    ]);
  });

  it('resolves a district name shared by several cities by the nearest city named', () => {
    expect(placesIn('长春市朝阳区和北京朝阳区', 'zh')).toEqual([
      ['长春市', 'cn:2201'],
      ['朝阳区', 'cn:220104'],
      ['北京', 'cn:11'],
      ['朝阳区', 'cn:110105'],
    ]);
  });

  it('leaves out a name it cannot resolve rather than guess (鼓楼区 is in four cities)', () => {
    expect(placesIn('鼓楼区通报', 'zh')).toEqual([]);
  });

  it('resolves local names inside the home area', () => {
    expect(placesIn('群丰镇一名村民', 'zh')).toEqual([['群丰镇', 'cn:430211101']]);
    expect(placesIn('天元发布', 'zh', ['4302'])).toEqual([['天元', 'cn:430211']]);
    expect(placesIn('天元发布', 'zh')).toEqual([]);
  });

  it('does not take everyday words for places (大同小异, 长治久安)', () => {
    expect(placesIn('大同小异，长治久安', 'zh')).toEqual([]);
  });

  it('finds world places by their Chinese names', () => {
    expect(placesIn('刚果(金)南基伍省布卡武', 'zh')).toEqual([
      ['刚果(金)', 'iso:CD'],
      ['南基伍省', 'iso:CD-SK'],
      ['布卡武', 'city:bukavu'],
    ]);
  });
});

describe('gazetteer: English names', () => {
  it('finds Chinese places by their English names', () => {
    expect(placesIn("Zhuzhou, Hunan province: a school in Tianyuan District; also Xi'an", 'en')).toEqual([
      ['Zhuzhou', 'cn:4302'],
      ['Hunan', 'cn:43'],
      ['Tianyuan District', 'cn:430211'],
      ["Xi'an", 'cn:6101'],
    ]);
  });

  it('accepts a bare district name next to its city (Shunde and Nanhai districts of Foshan)', () => {
    expect(
      placesIn('Foshan reported cases in Shunde and Nanhai districts', 'en').map(([, id]) => id),
    ).toEqual(['cn:4406', 'cn:440606', 'cn:440605']);
  });

  it('gives ISO 3166 codes for countries and subdivisions', () => {
    expect(placesIn('cases in Texas and New Mexico, United States, and in Zambia', 'en')).toEqual([
      ['Texas', 'iso:US-TX'],
      ['New Mexico', 'iso:US-NM'],
      ['United States', 'iso:US'],
      ['Zambia', 'iso:ZM'],
    ]);
    expect(gazetteer.get('iso:US-TX')).toMatchObject({
      code: 'US-TX',
      scheme: 'ISO 3166-2',
      nameZh: '得克萨斯州',
    });
  });

  it('matches acronyms only in capitals', () => {
    expect(placesIn('the US and us', 'en')).toEqual([['US', 'iso:US']]);
  });
});
