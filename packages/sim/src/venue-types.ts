/**
 * The kinds of places people visit, with how many a city has, how big they are, when they open, what
 * zones they have and how readily the virus spreads there per hour of shared presence.
 *
 * `setting` is the relative transmission per hour of co-presence, an assumption of this simulator
 * informed by Chang et al. 2021 (Nature 589:82–87, mobility-network model of US cities: full-service
 * restaurants, gyms, hotels and cafés carry the most infections per visit) and by the role of crowded,
 * unmasked, long stays; values are not fitted to data.
 */

export const venueTypes = [
  'restaurant',
  'market',
  'supermarket',
  'mall',
  'gym',
  'cinema',
  'chess_room',
  'scenic_spot',
  'hospital',
  'fever_clinic',
  'pharmacy',
  'hotel',
  'quarantine_hotel',
  'station',
  'office',
  'factory',
  'kindergarten',
  'primary_school',
  'middle_school',
  'high_school',
  'university',
] as const;
export type VenueType = (typeof venueTypes)[number];

export interface VenueTypeSpec {
  /** Chinese label (for names and the UI). */
  label: string;
  /** Venues per 100,000 residents (0 when placed by another rule). */
  perHundredThousand: number;
  /** Capacity range (people at once). */
  capacity: [number, number];
  /** Opening hours as minutes of the day. */
  opens: number;
  closes: number;
  /** Zone names (floors, halls, market sections); schools and workplaces get theirs when filled. */
  zones: readonly string[];
  setting: number;
  /** Staff per venue (people whose workplace it is), range. */
  staff: [number, number];
  /** Only in the built-up core districts (malls, cinemas); otherwise anywhere people live. */
  urbanOnly: boolean;
}

const hours = (h: number) => h * 60;

export const venueTypeSpecs: Readonly<Record<VenueType, VenueTypeSpec>> = {
  restaurant: {
    label: '餐厅',
    perHundredThousand: 300,
    capacity: [30, 150],
    opens: hours(10),
    closes: hours(22),
    zones: [],
    setting: 1.0,
    staff: [3, 12],
    urbanOnly: false,
  },
  market: {
    label: '农贸市场',
    perHundredThousand: 8,
    capacity: [200, 600],
    opens: hours(6),
    closes: hours(18),
    zones: ['蔬菜区', '肉类区', '水产区', '干货区'],
    setting: 0.7,
    staff: [20, 60],
    urbanOnly: false,
  },
  supermarket: {
    label: '超市',
    perHundredThousand: 30,
    capacity: [100, 500],
    opens: hours(8),
    closes: hours(22),
    zones: [],
    setting: 0.4,
    staff: [8, 40],
    urbanOnly: false,
  },
  mall: {
    label: '商场',
    perHundredThousand: 2,
    capacity: [800, 3000],
    opens: hours(10),
    closes: hours(22),
    zones: ['B1', '1F', '2F', '3F', '4F', '5F'],
    setting: 0.3,
    staff: [60, 200],
    urbanOnly: true,
  },
  gym: {
    label: '健身房',
    perHundredThousand: 12,
    capacity: [40, 150],
    opens: hours(6),
    closes: hours(23),
    zones: [],
    setting: 1.2,
    staff: [3, 10],
    urbanOnly: false,
  },
  cinema: {
    label: '电影院',
    perHundredThousand: 2,
    capacity: [200, 800],
    opens: hours(10),
    closes: hours(24),
    zones: ['1号厅', '2号厅', '3号厅', '4号厅', '5号厅', '6号厅'],
    setting: 0.6,
    staff: [8, 20],
    urbanOnly: true,
  },
  chess_room: {
    label: '棋牌室',
    perHundredThousand: 20,
    capacity: [12, 40],
    opens: hours(9),
    closes: hours(23),
    zones: [],
    setting: 1.5,
    staff: [1, 3],
    urbanOnly: false,
  },
  scenic_spot: {
    label: '景区',
    perHundredThousand: 1,
    capacity: [500, 3000],
    opens: hours(8),
    closes: hours(18),
    zones: [],
    setting: 0.1,
    staff: [10, 40],
    urbanOnly: false,
  },
  hospital: {
    label: '医院',
    perHundredThousand: 2,
    capacity: [300, 1500],
    opens: 0,
    closes: hours(24),
    zones: ['门诊', '急诊', '住院部'],
    setting: 0.3,
    staff: [80, 300],
    urbanOnly: false,
  },
  fever_clinic: {
    label: '发热门诊',
    perHundredThousand: 0,
    capacity: [20, 60],
    opens: 0,
    closes: hours(24),
    zones: [],
    setting: 0.6,
    staff: [6, 15],
    urbanOnly: false,
  },
  pharmacy: {
    label: '药店',
    perHundredThousand: 40,
    capacity: [10, 30],
    opens: hours(8),
    closes: hours(22),
    zones: [],
    setting: 0.3,
    staff: [2, 5],
    urbanOnly: false,
  },
  hotel: {
    label: '酒店',
    perHundredThousand: 12,
    capacity: [100, 400],
    opens: 0,
    closes: hours(24),
    zones: [],
    setting: 0.2,
    staff: [10, 40],
    urbanOnly: false,
  },
  quarantine_hotel: {
    label: '集中隔离点',
    perHundredThousand: 0,
    capacity: [100, 300],
    opens: 0,
    closes: hours(24),
    zones: [],
    setting: 0.02,
    staff: [20, 40],
    urbanOnly: true,
  },
  station: {
    label: '车站',
    perHundredThousand: 0,
    capacity: [1000, 5000],
    opens: hours(5),
    closes: hours(24),
    zones: ['1号候车厅', '2号候车厅', '出站口'],
    setting: 0.2,
    staff: [30, 80],
    urbanOnly: false,
  },
  office: {
    label: '写字楼',
    perHundredThousand: 0,
    capacity: [30, 400],
    opens: hours(7),
    closes: hours(20),
    zones: [],
    setting: 0.5,
    staff: [0, 0],
    urbanOnly: false,
  },
  factory: {
    label: '工厂',
    perHundredThousand: 0,
    capacity: [80, 1500],
    opens: 0,
    closes: hours(24),
    zones: [],
    setting: 0.4,
    staff: [0, 0],
    urbanOnly: false,
  },
  kindergarten: {
    label: '幼儿园',
    perHundredThousand: 0,
    capacity: [90, 360],
    opens: hours(7),
    closes: hours(18),
    zones: [],
    setting: 0.7,
    staff: [0, 0],
    urbanOnly: false,
  },
  primary_school: {
    label: '小学',
    perHundredThousand: 0,
    capacity: [300, 2000],
    opens: hours(7),
    closes: hours(18),
    zones: [],
    setting: 0.5,
    staff: [0, 0],
    urbanOnly: false,
  },
  middle_school: {
    label: '初中',
    perHundredThousand: 0,
    capacity: [300, 2000],
    opens: hours(7),
    closes: hours(19),
    zones: [],
    setting: 0.5,
    staff: [0, 0],
    urbanOnly: false,
  },
  high_school: {
    label: '高中',
    perHundredThousand: 0,
    capacity: [600, 3000],
    opens: hours(6),
    closes: hours(22),
    zones: [],
    setting: 0.5,
    staff: [0, 0],
    urbanOnly: false,
  },
  university: {
    label: '大学',
    perHundredThousand: 0,
    capacity: [3000, 20000],
    opens: hours(7),
    closes: hours(22),
    zones: [],
    setting: 0.4,
    staff: [0, 0],
    urbanOnly: true,
  },
};
