/**
 * Names and passport numbers for inbound foreign travellers, by issuing country (ISO 3166-1 alpha-3),
 * and the origin airports of the international flights that bring them to the port.
 */
import type { Random } from './random.js';

interface CountryNames {
  family: readonly string[];
  male: readonly string[];
  female: readonly string[];
  /** Passport number pattern: L = letter, 9 = digit (ICAO 9303 document numbers are up to 9 characters). */
  passport: string;
}

const countries: Readonly<Record<string, CountryNames>> = {
  USA: {
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Garcia', 'Wilson'],
    male: ['James', 'John', 'Robert', 'Michael', 'David'],
    female: ['Mary', 'Jennifer', 'Linda', 'Sarah', 'Emily'],
    passport: '999999999',
  },
  GBR: {
    family: ['Taylor', 'Jones', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright'],
    male: ['Oliver', 'Harry', 'George', 'Jack'],
    female: ['Olivia', 'Amelia', 'Isla', 'Emily'],
    passport: '999999999',
  },
  DEU: {
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner'],
    male: ['Lukas', 'Leon', 'Felix', 'Jonas'],
    female: ['Anna', 'Lena', 'Marie', 'Laura'],
    passport: 'L99999999',
  },
  FRA: {
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard'],
    male: ['Louis', 'Hugo', 'Jules', 'Lucas'],
    female: ['Emma', 'Chloé', 'Léa', 'Manon'],
    passport: '99LL99999',
  },
  JPN: {
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito'],
    male: ['Haruto', 'Yuto', 'Sota', 'Ren'],
    female: ['Yui', 'Hina', 'Aoi', 'Sakura'],
    passport: 'LL9999999',
  },
  KOR: {
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang'],
    male: ['Minjun', 'Seojun', 'Dohyun', 'Jiho'],
    female: ['Seoyeon', 'Jiwoo', 'Haeun', 'Minseo'],
    passport: 'L99999999',
  },
  SGP: {
    family: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong'],
    male: ['Wei Jie', 'Jun Hao', 'Ethan', 'Ryan'],
    female: ['Hui Min', 'Xin Yi', 'Chloe', 'Rachel'],
    passport: 'L9999999L',
  },
  THA: {
    family: ['Saetang', 'Srisuk', 'Wongsawat', 'Chaiyaphum'],
    male: ['Somchai', 'Anan', 'Niran', 'Kittisak'],
    female: ['Siriporn', 'Nattaya', 'Pimchanok', 'Kanya'],
    passport: 'LL9999999',
  },
  MYS: {
    family: ['Abdullah', 'Tan', 'Lim', 'Rahman', 'Wong'],
    male: ['Ahmad', 'Muhammad', 'Wei Ming', 'Arif'],
    female: ['Nur', 'Siti', 'Mei Ling', 'Aisyah'],
    passport: 'L99999999',
  },
  AUS: {
    family: ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor'],
    male: ['Jack', 'William', 'Noah', 'Thomas'],
    female: ['Charlotte', 'Olivia', 'Mia', 'Ava'],
    passport: 'LL9999999',
  },
  ARE: {
    family: ['Al Mansoori', 'Al Nuaimi', 'Al Marzouqi', 'Al Ketbi'],
    male: ['Mohammed', 'Ahmed', 'Khalid', 'Omar'],
    female: ['Fatima', 'Mariam', 'Aisha', 'Noura'],
    passport: 'L99999999',
  },
};

/** Where the international flights to the port come from: airport, ISO alpha-3 country, block time. */
export const originAirports: readonly {
  iata: string;
  country: string;
  city: string;
  flightMinutes: number;
}[] = [
  { iata: 'BKK', country: 'THA', city: 'Bangkok', flightMinutes: 185 },
  { iata: 'SIN', country: 'SGP', city: 'Singapore', flightMinutes: 270 },
  { iata: 'KUL', country: 'MYS', city: 'Kuala Lumpur', flightMinutes: 255 },
  { iata: 'ICN', country: 'KOR', city: 'Seoul', flightMinutes: 205 },
  { iata: 'NRT', country: 'JPN', city: 'Tokyo', flightMinutes: 260 },
  { iata: 'FRA', country: 'DEU', city: 'Frankfurt', flightMinutes: 660 },
  { iata: 'LHR', country: 'GBR', city: 'London', flightMinutes: 690 },
  { iata: 'CDG', country: 'FRA', city: 'Paris', flightMinutes: 670 },
  { iata: 'LAX', country: 'USA', city: 'Los Angeles', flightMinutes: 800 },
  { iata: 'SYD', country: 'AUS', city: 'Sydney', flightMinutes: 570 },
  { iata: 'DXB', country: 'ARE', city: 'Dubai', flightMinutes: 480 },
];

export const foreignCountries = Object.keys(countries);

export interface ForeignName {
  family: string;
  given: string;
}

export function randomForeignName(random: Random, country: string, sex: 'male' | 'female'): ForeignName {
  const names = countries[country] ?? countries['USA']!;
  return {
    family: random.pick(names.family),
    given: random.pick(sex === 'male' ? names.male : names.female),
  };
}

export function randomPassportNumber(random: Random, country: string): string {
  const pattern = country === 'CHN' ? 'L99999999' : (countries[country]?.passport ?? '999999999');
  let out = country === 'CHN' ? 'E' : '';
  for (const symbol of country === 'CHN' ? pattern.slice(1) : pattern) {
    out += symbol === 'L' ? String.fromCharCode(65 + random.int(26)) : String(random.int(10));
  }
  return out;
}
