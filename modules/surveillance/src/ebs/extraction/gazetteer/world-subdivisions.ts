/**
 * First-level subdivisions (ISO 3166-2) and major cities outside China that outbreak news names:
 * US states, Australian states, Indian states and the provinces of countries with recurrent
 * outbreaks, and capitals and large cities. One line each:
 * `region|ISO 3166-2|parent|English;alias…|中文;别名…` or `city|slug|parent code|English;…|中文;…`.
 * Chinese names follow Xinhua's usage.
 */

const subdivisionTable = `
region|US-AL|US|Alabama|亚拉巴马州;阿拉巴马州
region|US-AK|US|Alaska|阿拉斯加州
region|US-AZ|US|Arizona|亚利桑那州
region|US-AR|US|Arkansas|阿肯色州
region|US-CA|US|California|加利福尼亚州;加州
region|US-CO|US|Colorado|科罗拉多州
region|US-CT|US|Connecticut|康涅狄格州
region|US-DE|US|Delaware|特拉华州
region|US-FL|US|Florida|佛罗里达州
region|US-GA|US|Georgia|佐治亚州
region|US-HI|US|Hawaii|夏威夷州;夏威夷
region|US-ID|US|Idaho|爱达荷州
region|US-IL|US|Illinois|伊利诺伊州
region|US-IN|US|Indiana|印第安纳州
region|US-IA|US|Iowa|艾奥瓦州;爱荷华州
region|US-KS|US|Kansas|堪萨斯州
region|US-KY|US|Kentucky|肯塔基州
region|US-LA|US|Louisiana|路易斯安那州
region|US-ME|US|Maine|缅因州
region|US-MD|US|Maryland|马里兰州
region|US-MA|US|Massachusetts|马萨诸塞州;麻省
region|US-MI|US|Michigan|密歇根州
region|US-MN|US|Minnesota|明尼苏达州
region|US-MS|US|Mississippi|密西西比州
region|US-MO|US|Missouri|密苏里州
region|US-MT|US|Montana|蒙大拿州
region|US-NE|US|Nebraska|内布拉斯加州
region|US-NV|US|Nevada|内华达州
region|US-NH|US|New Hampshire|新罕布什尔州
region|US-NJ|US|New Jersey|新泽西州
region|US-NM|US|New Mexico|新墨西哥州
region|US-NY|US|New York State|纽约州
region|US-NC|US|North Carolina|北卡罗来纳州
region|US-ND|US|North Dakota|北达科他州
region|US-OH|US|Ohio|俄亥俄州
region|US-OK|US|Oklahoma|俄克拉何马州
region|US-OR|US|Oregon|俄勒冈州
region|US-PA|US|Pennsylvania|宾夕法尼亚州;宾州
region|US-RI|US|Rhode Island|罗得岛州
region|US-SC|US|South Carolina|南卡罗来纳州
region|US-SD|US|South Dakota|南达科他州
region|US-TN|US|Tennessee|田纳西州
region|US-TX|US|Texas|得克萨斯州;得州;德克萨斯州
region|US-UT|US|Utah|犹他州
region|US-VT|US|Vermont|佛蒙特州
region|US-VA|US|Virginia|弗吉尼亚州
region|US-WA|US|Washington State|华盛顿州
region|US-WV|US|West Virginia|西弗吉尼亚州
region|US-WI|US|Wisconsin|威斯康星州
region|US-WY|US|Wyoming|怀俄明州
region|AU-NSW|AU|New South Wales;NSW|新南威尔士州
region|AU-VIC|AU|Victoria|维多利亚州
region|AU-QLD|AU|Queensland|昆士兰州
region|AU-WA|AU|Western Australia|西澳大利亚州;西澳
region|AU-SA|AU|South Australia|南澳大利亚州;南澳
region|AU-TAS|AU|Tasmania|塔斯马尼亚州
region|AU-NT|AU|Northern Territory|北领地
region|CA-ON|CA|Ontario|安大略省
region|CA-QC|CA|Quebec;Québec|魁北克省
region|CA-BC|CA|British Columbia|不列颠哥伦比亚省
region|CA-AB|CA|Alberta|艾伯塔省
region|GB-ENG|GB|England|英格兰
region|GB-SCT|GB|Scotland|苏格兰
region|GB-WLS|GB|Wales|威尔士
region|GB-NIR|GB|Northern Ireland|北爱尔兰
region|IN-KL|IN|Kerala|喀拉拉邦
region|IN-AP|IN|Andhra Pradesh|安得拉邦
region|IN-MH|IN|Maharashtra|马哈拉施特拉邦
region|IN-UP|IN|Uttar Pradesh|北方邦
region|IN-UK|IN|Uttarakhand|北阿坎德邦
region|IN-WB|IN|West Bengal|西孟加拉邦
region|IN-TN|IN|Tamil Nadu|泰米尔纳德邦
region|IN-KA|IN|Karnataka|卡纳塔克邦
region|IN-OD|IN|Odisha;Orissa|奥迪沙邦;奥里萨邦
region|IN-GJ|IN|Gujarat|古吉拉特邦
region|IN-PB|IN|Punjab|旁遮普邦
region|IN-DL|IN|Delhi|德里
region|PK-SD|PK|Sindh|信德省
region|CD-SK|CD|South Kivu|南基伍省;南基伍
region|CD-NK|CD|North Kivu|北基伍省;北基伍
region|CD-KG|CD|Kwango|宽果省
region|CD-EQ|CD|Equateur;Équateur|赤道省
region|SD-KA|SD|Kassala|卡萨拉州;卡萨拉
region|SD-GD|SD|Gedaref;Al Qadarif|加达里夫州;加达里夫
region|KH-14|KH|Prey Veng|波罗勉省;波罗勉
region|VN-34|VN|Khanh Hoa;Khánh Hòa|庆和省
region|BR-BA|BR|Bahia|巴伊亚州
region|BR-RS|BR|Rio Grande do Sul|南里奥格兰德州
region|CO-TOL|CO|Tolima|托利马省
region|PE-PIU|PE|Piura|皮乌拉大区;皮乌拉
region|AR-X|AR|Córdoba;Cordoba|科尔多瓦省;科尔多瓦
region|AR-U|AR|Chubut|丘布特省
region|ET-OR|ET|Oromia|奥罗米亚州
region|ET-AM|ET|Amhara|阿姆哈拉州
region|MY-10|MY|Selangor|雪兰莪州
region|NG-KN|NG|Kano|卡诺州
region|NE-7|NE|Zinder|津德尔大区;津德尔
region|MZ-N|MZ|Nampula|楠普拉省
region|MZ-P|MZ|Cabo Delgado|德尔加杜角省
region|ID-BA|ID|Bali|巴厘岛;巴厘省
region|KE-30|KE|Marsabit|马萨比特
region|KE-43|KE|Turkana|图尔卡纳
region|JP-01|JP|Hokkaido|北海道
city|tokyo|JP|Tokyo|东京;东京都
city|osaka|JP|Osaka|大阪
city|kyoto|JP|Kyoto|京都
city|narita|JP|Narita|成田
city|seoul|KR|Seoul|首尔
city|busan|KR|Busan|釜山
city|bangkok|TH|Bangkok|曼谷
city|hanoi|VN|Hanoi|河内
city|ho-chi-minh-city|VN|Ho Chi Minh City;Saigon|胡志明市;胡志明
city|manila|PH|Manila;Metro Manila|马尼拉
city|quezon-city|PH|Quezon City|奎松市
city|jakarta|ID|Jakarta|雅加达
city|buleleng|ID-BA|Buleleng|布勒伦
city|kuala-lumpur|MY|Kuala Lumpur|吉隆坡
city|yangon|MM|Yangon|仰光
city|phnom-penh|KH|Phnom Penh|金边
city|vientiane|LA|Vientiane|万象
city|dhaka|BD|Dhaka|达卡
city|kolkata|IN-WB|Kolkata|加尔各答
city|mumbai|IN-MH|Mumbai|孟买
city|new-delhi|IN-DL|New Delhi|新德里
city|chennai|IN-TN|Chennai|金奈
city|bengaluru|IN-KA|Bengaluru;Bangalore|班加罗尔
city|pune|IN-MH|Pune|浦那
city|malappuram|IN-KL|Malappuram|马拉普拉姆
city|palnadu|IN-AP|Palnadu|帕尔纳杜
city|karachi|PK-SD|Karachi|卡拉奇
city|lahore|PK|Lahore|拉合尔
city|islamabad|PK|Islamabad|伊斯兰堡
city|kathmandu|NP|Kathmandu|加德满都
city|colombo|LK|Colombo|科伦坡
city|tehran|IR|Tehran|德黑兰
city|riyadh|SA|Riyadh|利雅得
city|jeddah|SA|Jeddah|吉达
city|mecca|SA|Mecca;Makkah|麦加
city|dubai|AE|Dubai|迪拜
city|istanbul|TR|Istanbul|伊斯坦布尔
city|baghdad|IQ|Baghdad|巴格达
city|kabul|AF|Kabul|喀布尔
city|jerusalem|IL|Jerusalem|耶路撒冷
city|gaza-city|PS|Gaza City|加沙城
city|deir-al-balah|PS|Deir al-Balah|代尔拜拉赫
city|cairo|EG|Cairo|开罗
city|lagos|NG|Lagos|拉各斯
city|abuja|NG|Abuja|阿布贾
city|kinshasa|CD|Kinshasa|金沙萨
city|bukavu|CD-SK|Bukavu|布卡武
city|goma|CD-NK|Goma|戈马
city|panzi|CD-KG|Panzi|潘齐
city|nairobi|KE|Nairobi|内罗毕
city|naivasha|KE|Naivasha|奈瓦沙
city|kampala|UG|Kampala|坎帕拉
city|mubende|UG|Mubende|穆本德
city|kigali|RW|Kigali|基加利
city|addis-ababa|ET|Addis Ababa|亚的斯亚贝巴
city|khartoum|SD|Khartoum|喀土穆
city|lusaka|ZM|Lusaka|卢萨卡
city|sioma|ZM|Sioma|西奥马
city|lilongwe|MW|Lilongwe|利隆圭
city|blantyre|MW|Blantyre|布兰太尔
city|harare|ZW|Harare|哈拉雷
city|johannesburg|ZA|Johannesburg|约翰内斯堡
city|cape-town|ZA|Cape Town|开普敦
city|dakar|SN|Dakar|达喀尔
city|accra|GH|Accra|阿克拉
city|moscow|RU|Moscow|莫斯科
city|london|GB-ENG|London|伦敦
city|birmingham|GB-ENG|Birmingham|伯明翰
city|manchester|GB-ENG|Manchester|曼彻斯特
city|glasgow|GB-SCT|Glasgow|格拉斯哥
city|heathrow|GB-ENG|Heathrow|希思罗
city|paris|FR|Paris|巴黎
city|berlin|DE|Berlin|柏林
city|madrid|ES|Madrid|马德里
city|rome|IT|Rome|罗马
city|milan|IT|Milan|米兰
city|vienna|AT|Vienna|维也纳
city|prague|CZ|Prague|布拉格
city|warsaw|PL|Warsaw|华沙
city|gdansk|PL|Gdansk;Gdańsk|格但斯克
city|rzeszow|PL|Rzeszów;Rzeszow|热舒夫
city|bucharest|RO|Bucharest|布加勒斯特
city|geneva|CH|Geneva|日内瓦
city|amsterdam|NL|Amsterdam|阿姆斯特丹
city|brussels|BE|Brussels|布鲁塞尔
city|stockholm|SE|Stockholm|斯德哥尔摩
city|dublin|IE|Dublin|都柏林
city|galway|IE|Galway|戈尔韦
city|new-york|US-NY|New York;New York City;NYC|纽约;纽约市
city|queens|US-NY|Queens|皇后区
city|los-angeles|US-CA|Los Angeles|洛杉矶
city|san-francisco|US-CA|San Francisco|旧金山
city|chicago|US-IL|Chicago|芝加哥
city|houston|US-TX|Houston|休斯敦
city|lubbock|US-TX|Lubbock|拉伯克
city|gaines-county|US-TX|Gaines County|盖恩斯县
city|boston|US-MA|Boston|波士顿
city|washington-dc|US|Washington, D.C.;Washington DC|华盛顿特区;华盛顿
city|seattle|US-WA|Seattle|西雅图
city|miami|US-FL|Miami|迈阿密
city|fort-lauderdale|US-FL|Fort Lauderdale|劳德代尔堡
city|columbus|US-OH|Columbus|哥伦布
city|franklin-county-oh|US-OH|Franklin County|富兰克林县
city|kansas-city|US-KS|Kansas City|堪萨斯城
city|toronto|CA-ON|Toronto|多伦多
city|vancouver|CA-BC|Vancouver|温哥华
city|montreal|CA-QC|Montreal;Montréal|蒙特利尔
city|mexico-city|MX|Mexico City|墨西哥城
city|havana|CU|Havana|哈瓦那
city|port-au-prince|HT|Port-au-Prince|太子港
city|lima|PE|Lima|利马
city|bogota|CO|Bogotá;Bogota|波哥大
city|sao-paulo|BR|São Paulo;Sao Paulo|圣保罗
city|rio-de-janeiro|BR|Rio de Janeiro;Rio|里约热内卢;里约
city|buenos-aires|AR|Buenos Aires|布宜诺斯艾利斯
city|epuyen|AR-U|Epuyén;Epuyen|埃普延
city|santiago|CL|Santiago|圣地亚哥
city|sydney|AU-NSW|Sydney|悉尼
city|melbourne|AU-VIC|Melbourne|墨尔本
city|meredith|AU-VIC|Meredith|梅雷迪斯
city|brisbane|AU-QLD|Brisbane|布里斯班
city|perth|AU-WA|Perth|珀斯
city|auckland|NZ|Auckland|奥克兰
city|wellington|NZ|Wellington|惠灵顿
region|KH-21|KH|Takeo|茶胶省
city|luanda|AO|Luanda|罗安达
city|maputo|MZ|Maputo|马普托
city|dar-es-salaam|TZ|Dar es Salaam|达累斯萨拉姆
city|mogadishu|SO|Mogadishu|摩加迪沙
city|juba|SS|Juba|朱巴
city|sanaa|YE|Sanaa;Sana'a|萨那
city|aden|YE|Aden|亚丁
city|taiz|YE|Taiz|塔伊兹
city|lisbon|PT|Lisbon|里斯本
city|athens|GR|Athens|雅典
city|kyiv|UA|Kyiv;Kiev|基辅
city|ankara|TR|Ankara|安卡拉
city|damascus|SY|Damascus|大马士革
city|beirut|LB|Beirut|贝鲁特
city|amman|JO|Amman|安曼
city|abidjan|CI|Abidjan|阿比让
city|freetown|SL|Freetown|弗里敦
city|monrovia|LR|Monrovia|蒙罗维亚
city|conakry|GN|Conakry|科纳克里
city|bamako|ML|Bamako|巴马科
city|niamey|NE|Niamey|尼亚美
city|ouagadougou|BF|Ouagadougou|瓦加杜古
city|ndjamena|TD|N'Djamena|恩贾梅纳
city|yaounde|CM|Yaoundé;Yaounde|雅温得
city|brazzaville|CG|Brazzaville|布拉柴维尔
city|antananarivo|MG|Antananarivo|塔那那利佛
`;

export interface SubdivisionRow {
  kind: 'region' | 'city';
  code: string;
  parent: string;
  namesEn: string[];
  namesZh: string[];
}

export const worldSubdivisions: readonly SubdivisionRow[] = subdivisionTable
  .trim()
  .split('\n')
  .map((line) => {
    const [kind = '', code = '', parent = '', en = '', zh = ''] = line.split('|');
    return {
      kind: kind === 'city' ? 'city' : 'region',
      code,
      parent,
      namesEn: en.split(';'),
      namesZh: zh.split(';'),
    };
  });
