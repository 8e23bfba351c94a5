import { describe, expect, it } from 'vitest';
import { nameForm } from './person-name.js';

describe('person names', () => {
  it('reduces Han names to toneless pinyin, family name first', () => {
    expect(nameForm('张小明')).toMatchObject({
      script: 'han',
      han: '张小明',
      family: 'zhang',
      given: 'xiaoming',
      key: 'zhangxiaoming',
    });
  });

  it('gives homophones the same pinyin', () => {
    expect(nameForm('张晓明')!.key).toBe(nameForm('张小明')!.key);
    expect(nameForm('章伟')!.key).toBe(nameForm('张玮')!.key);
  });

  it('reads polyphonic family names with their surname readings', () => {
    expect(nameForm('曾国藩')!.family).toBe('zeng');
    expect(nameForm('单田芳')!.family).toBe('shan');
    expect(nameForm('解缙')!.family).toBe('xie');
  });

  it('recognises compound surnames', () => {
    expect(nameForm('欧阳娜娜')).toMatchObject({ family: 'ouyang', given: 'nana' });
    expect(nameForm('司马光')).toMatchObject({ family: 'sima', given: 'guang' });
  });

  it('matches Latin transliterations in either order to the Han name', () => {
    const han = nameForm('张小明')!;
    for (const latin of [
      'ZHANG Xiaoming',
      'Xiaoming ZHANG',
      'Zhang, Xiaoming',
      'Xiaoming Zhang',
      'zhang xiao ming',
    ]) {
      expect(nameForm(latin)!.orderFreeKey).toBe(han.orderFreeKey);
      expect(nameForm(latin)!.initials).toBe(han.initials);
    }
  });

  it('takes the upper-case token of a Latin name as the family name', () => {
    expect(nameForm('Xiaoming ZHANG')).toMatchObject({ family: 'zhang', given: 'xiaoming' });
  });

  it('folds the spellings of ü used on documents (lü, lv, lyu)', () => {
    const han = nameForm('吕布')!.key;
    expect(nameForm('LYU Bu')!.key).toBe(han);
    expect(nameForm('Lü Bu')!.key).toBe(han);
    expect(nameForm('LV Bu')!.key).toBe(han);
  });

  it('ignores the middle dot of transliterated minority names and full-width letters', () => {
    expect(nameForm('买买提·艾力')!.han).toBe('买买提艾力');
    expect(nameForm('ＬＩ Ｌｅｉ')!.key).toBe('lilei');
  });

  it('has no form for a name without letters', () => {
    expect(nameForm('  ')).toBeNull();
    expect(nameForm('123')).toBeNull();
  });
});
