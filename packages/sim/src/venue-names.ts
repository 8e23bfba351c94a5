/**
 * Plausible Chinese names for synthetic venues (老王米粉店, 湘江生活超市, 荷塘区人民医院…). Invented on
 * purpose: no real business is named in the synthetic outbreak.
 */
import { randomSurname } from './chinese-names.js';
import type { Random } from './random.js';
import type { VenueType } from './venue-types.js';

const brandWords = [
  '湘江',
  '神农',
  '炎帝',
  '金辉',
  '华联',
  '天元',
  '荷花',
  '枫林',
  '桂园',
  '红旗',
  '新华',
  '建设',
  '长青',
  '东方',
  '明珠',
  '鑫源',
  '百佳',
  '惠民',
  '福满',
  '万家',
  '嘉禾',
  '和平',
  '凤凰',
  '星光',
  '朝阳',
  '龙泉',
  '翠竹',
  '金山',
];
const dishes = [
  '米粉店',
  '湘菜馆',
  '小炒',
  '火锅',
  '烧烤',
  '饺子馆',
  '粥铺',
  '面馆',
  '大排档',
  '家常菜',
  '土菜馆',
  '甜品店',
  '奶茶店',
  '快餐',
];
const officeKinds = [
  '科技有限公司',
  '商贸有限公司',
  '建设集团',
  '物流有限公司',
  '信息技术有限公司',
  '文化传媒有限公司',
  '置业有限公司',
];
const factoryKinds = [
  '机械厂',
  '陶瓷厂',
  '电子厂',
  '服装厂',
  '电机厂',
  '新材料有限公司',
  '轨道装备配件厂',
  '食品厂',
];
const gradeNumbers = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A name for a venue of `type`; `place` is the street or district name it is in, `n` its number. */
export function venueName(type: VenueType, place: string, n: number, random: Random): string {
  const brand = random.pick(brandWords);
  const placeShort = place.replace(/(街道|镇|乡|区|县|市)$/, '');
  switch (type) {
    case 'restaurant':
      return random.chance(0.5)
        ? `${randomSurname(random)}记${random.pick(dishes)}`
        : `${brand}${random.pick(dishes)}`;
    case 'market':
      return `${placeShort}农贸市场`;
    case 'supermarket':
      return `${brand}${random.pick(['生活超市', '便利超市', '购物广场'])}`;
    case 'mall':
      return `${brand}${random.pick(['广场', '购物中心', '百货'])}`;
    case 'gym':
      return `${brand}${random.pick(['健身', '健身会所', '运动馆'])}`;
    case 'cinema':
      return `${brand}国际影城`;
    case 'chess_room':
      return `${brand}棋牌室`;
    case 'scenic_spot':
      return `${placeShort}${random.pick(['公园', '湿地公园', '风景区'])}`;
    case 'hospital':
      return n === 1
        ? `${place}人民医院`
        : `${place}${['', '', '中医医院', '妇幼保健院', '第二人民医院'][n] ?? `第${gradeNumbers[n - 1] ?? n}医院`}`;
    case 'fever_clinic':
      return `${place}发热门诊`;
    case 'pharmacy':
      return `${brand}大药房`;
    case 'hotel':
      return `${brand}${random.pick(['酒店', '宾馆', '商务酒店', '大酒店'])}`;
    case 'quarantine_hotel':
      return `${brand}酒店（集中隔离点）`;
    case 'station':
      return place;
    case 'office':
      return `${brand}${random.pick(officeKinds)}`;
    case 'factory':
      return `${placeShort}${random.pick(factoryKinds)}`;
    case 'kindergarten':
      return `${placeShort}${random.pick(['幼儿园', '中心幼儿园', '实验幼儿园'])}`;
    case 'primary_school':
      return `${placeShort}${n > 1 ? `第${gradeNumbers[n - 1] ?? n}` : ''}小学`;
    case 'middle_school':
      return `${placeShort}${n > 1 ? `第${gradeNumbers[n - 1] ?? n}` : ''}中学`;
    case 'high_school':
      return `${placeShort}${n > 1 ? `第${gradeNumbers[n - 1] ?? n}` : ''}高级中学`;
    case 'university':
      return `${brand}${random.pick(['职业技术学院', '学院', '理工学院'])}`;
  }
}

/** Class names: 小班1, 一年级2班, 初一3班, 高三1班, and `n年级m班` at university. */
export function className(type: VenueType, grade: number, section: number): string {
  if (type === 'kindergarten') return `${['小班', '中班', '大班'][grade] ?? '大班'}${section}`;
  if (type === 'primary_school') return `${gradeNumbers[grade]}年级${section}班`;
  if (type === 'middle_school') return `初${gradeNumbers[grade]}${section}班`;
  if (type === 'high_school') return `高${gradeNumbers[grade]}${section}班`;
  return `${grade + 1}年级${section}班`;
}
