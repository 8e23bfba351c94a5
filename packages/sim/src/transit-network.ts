/**
 * The demo city's transport network: bus routes in every district, the urban rapid-transit line
 * (Zhuzhou runs CRRC's "智轨" autonomous-rail rapid transit, written here as mode `metro`), the
 * Changsha–Zhuzhou–Xiangtan intercity railway, high-speed and conventional trains at the city's stations,
 * and international flights into Changsha Huanghua airport (the port of entry, UN/LOCODE CNCSX).
 */
import type { CityAreas } from './city-areas.js';
import { originAirports } from './foreign-names.js';
import type { SimulationClock } from './local-time.js';
import { MINUTES_PER_DAY } from './local-time.js';
import type { Random } from './random.js';
import { Transit } from './transport.js';

/** A daily train or flight: arriving at or leaving one of the city's stations (or the port). */
export interface Service {
  number: string;
  line: number;
  /** Station venue index (−1 for the airport). */
  station: number;
  arriving: boolean;
  /** The far end: the other city or airport. */
  otherEnd: string;
  /** Minute of the day the service is at our end (arrival for arriving, departure for leaving). */
  minuteOfDay: number;
  durationMinutes: number;
}

export interface TransitNetwork {
  transit: Transit;
  /** Trains by station venue index. */
  trainsAt: Map<number, Service[]>;
  /** Intercity trains to and from Changsha, for residents' business trips. */
  intercity: Service[];
  flights: Service[];
  portName: string;
  portCode: string;
}

const hsrOrigins = [
  ['北京西', 330],
  ['上海虹桥', 300],
  ['广州南', 150],
  ['深圳北', 190],
  ['武汉', 110],
  ['长沙南', 20],
  ['南昌西', 110],
  ['杭州东', 260],
  ['昆明南', 390],
  ['贵阳北', 260],
  ['郑州东', 240],
  ['西安北', 330],
] as const;

export interface NetworkInputs {
  areas: CityAreas;
  clock: SimulationClock;
  stations: { venue: number; name: string; district: number; highSpeed: boolean }[];
  /** Simulated residents per district: how many bus routes each gets. */
  residentsByDistrict: number[];
}

export function buildTransitNetwork(
  { areas, clock, stations, residentsByDistrict }: NetworkInputs,
  random: Random,
): TransitNetwork {
  const transit = new Transit(clock);
  let routeNumber = 0;
  areas.districts.forEach((district, d) => {
    const routes = Math.max(2, Math.round((residentsByDistrict[d] ?? 0) / 15_000));
    const short = district.name.replace(/(区|县|市)$/, '');
    for (let r = 0; r < routes; r++) {
      routeNumber++;
      const core = areas.coreDistricts.includes(d);
      const name = core ? `${routeNumber}路` : `${short}${r + 1}路`;
      transit.addLine(
        {
          code: `BUS${String(routeNumber).padStart(3, '0')}`,
          name,
          mode: 'bus',
          district: d,
          carriages: 1,
          rows: 0,
          seatLetters: '',
          setting: 0.6,
        },
        {
          headway: 10,
          first: 6 * 60,
          last: 21 * 60 + 50,
          runMinutes: 55,
          origin: `${short}公交总站`,
          destination: `${short}${r + 1}号线终点站`,
        },
      );
    }
  });
  transit.addLine(
    {
      code: 'ARTA1',
      name: '智轨快运A1线',
      mode: 'metro',
      district: -1,
      carriages: 3,
      rows: 0,
      seatLetters: '',
      setting: 0.5,
    },
    {
      headway: 8,
      first: 6 * 60 + 30,
      last: 22 * 60 + 30,
      runMinutes: 45,
      origin: '神农城站',
      destination: '株洲西站',
    },
  );

  const hsr = transit.addLine({
    code: 'HSR',
    name: '高速铁路',
    mode: 'train',
    district: -1,
    carriages: 8,
    rows: 17,
    seatLetters: 'ABCDF',
    setting: 0.4,
  });
  const conventional = transit.addLine({
    code: 'RAIL',
    name: '普速铁路',
    mode: 'train',
    district: -1,
    carriages: 12,
    rows: 20,
    seatLetters: 'ABCDF',
    setting: 0.5,
  });
  const intercityLine = transit.addLine({
    code: 'CZT',
    name: '长株潭城际铁路',
    mode: 'train',
    district: -1,
    carriages: 4,
    rows: 20,
    seatLetters: 'ABCDF',
    setting: 0.4,
  });
  const flightLine = transit.addLine({
    code: 'FLT',
    name: '国际航班',
    mode: 'flight',
    district: -1,
    carriages: 1,
    rows: 30,
    seatLetters: 'ABCDEF',
    setting: 0.4,
  });

  const trainsAt = new Map<number, Service[]>();
  let trainNumber = 6000;
  for (const station of stations) {
    const services: Service[] = [];
    const perDirection = station.highSpeed ? 12 : 3;
    for (let i = 0; i < perDirection * 2; i++) {
      const arriving = i % 2 === 0;
      const [otherEnd, duration] = random.pick(hsrOrigins);
      const minuteOfDay = 7 * 60 + Math.floor(((i / 2 + random.next()) * (15 * 60)) / perDirection);
      const prefix = station.highSpeed ? 'G' : 'K';
      services.push({
        number: `${prefix}${trainNumber++}`,
        line: station.highSpeed ? hsr : conventional,
        station: station.venue,
        arriving,
        otherEnd,
        minuteOfDay: Math.min(minuteOfDay, 23 * 60),
        durationMinutes: station.highSpeed ? duration : Math.round(duration * 2.2),
      });
    }
    trainsAt.set(station.venue, services);
  }

  const zhuzhou = stations.find((s) => s.name === '株洲站')?.venue ?? stations[0]?.venue ?? -1;
  const intercity: Service[] = [];
  for (let i = 0; i < 30; i++) {
    const arriving = i % 2 === 1;
    intercity.push({
      number: `C${6800 + i}`,
      line: intercityLine,
      station: zhuzhou,
      arriving,
      otherEnd: '长沙',
      minuteOfDay: 6 * 60 + 30 + Math.floor(i / 2) * 60 + (arriving ? 40 : 0),
      durationMinutes: 40,
    });
  }

  const flights: Service[] = originAirports.map((airport, i) => ({
    number: `${['CZ', 'MU', 'HU', 'CA'][i % 4]}${3000 + 17 * i}`,
    line: flightLine,
    station: -1,
    arriving: true,
    otherEnd: airport.iata,
    minuteOfDay: 9 * 60 + ((i * 97) % (12 * 60)),
    durationMinutes: airport.flightMinutes,
  }));

  return { transit, trainsAt, intercity, flights, portName: '长沙黄花国际机场', portCode: 'CNCSX' };
}

/** The run of a service on a given day: departure and arrival minutes, with both ends named. */
export function runOfService(network: TransitNetwork, service: Service, day: number, ourEnd: string): number {
  const atUs = day * MINUTES_PER_DAY + service.minuteOfDay;
  const departure = service.arriving ? atUs - service.durationMinutes : atUs;
  const arrival = service.arriving ? atUs : atUs + service.durationMinutes;
  return network.transit.scheduledRun(service.line, service.number, {
    departure,
    arrival,
    origin: service.arriving ? service.otherEnd : ourEnd,
    destination: service.arriving ? ourEnd : service.otherEnd,
  });
}
