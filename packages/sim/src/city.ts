/**
 * Builds the synthetic city before day one: residents, venues, transport, gates, data sources, visitors
 * and travellers with their whole stays, the epidemic's seeds and the planted cluster.
 */
import { Birthplaces } from './birthplaces.js';
import { indexCityAreas, type CityAreas } from './city-areas.js';
import { CommunityGates } from './community-gates.js';
import { EpidemicState, NONE, PlaceKind } from './epidemic-state.js';
import { SimulationClock, MINUTES_PER_DAY } from './local-time.js';
import { strainOf, type SimulationOptions } from './options.js';
import { PhoneNumberBook } from './phone-numbers.js';
import { buildPlaces, type Places } from './places.js';
import { plantCluster, type PlantedCluster } from './planted-cluster.js';
import { Commute, PersonKind, Population } from './population.js';
import { Random, streams } from './random.js';
import { addResidents, ResidentIdIssuer } from './residents.js';
import { SourceRegistry } from './sources.js';
import type { StrainParameters } from './strains.js';
import { buildTransitNetwork, type TransitNetwork } from './transit-network.js';
import { createNonResidents, nonResidentCapacity, type NonResidents } from './visitors.js';

export interface SyntheticCity {
  options: SimulationOptions;
  strain: StrainParameters;
  clock: SimulationClock;
  areas: CityAreas;
  population: Population;
  places: Places;
  network: TransitNetwork;
  gates: CommunityGates;
  epidemic: EpidemicState;
  nonResidents: NonResidents;
  sources: SourceRegistry;
  /** Source indices by role. */
  sourceIndex: { hospitals: number[]; labs: number[]; port: number; immunization: number };
  cluster: PlantedCluster | null;
}

export function buildCity(options: SimulationOptions): SyntheticCity {
  const seed = options.seed;
  const strain = strainOf(options);
  const clock = new SimulationClock(options.startDate);
  const areas = indexCityAreas();
  const birthplaces = new Birthplaces('4302');
  const phones = new PhoneNumberBook(seed);
  const ids = new ResidentIdIssuer();
  const population = new Population(
    options.people +
      nonResidentCapacity(options.people, options.days, options.visitors, options.international),
  );
  addResidents(
    population,
    areas,
    { seed, residents: options.people, startDate: options.startDate, ...options.compliance },
    { birthplaces, phones, ids },
  );
  const places = buildPlaces(population, areas, seed);
  const network = buildTransitNetwork(
    { areas, clock, stations: places.stations, residentsByDistrict: places.residentsByDistrict },
    new Random(seed, streams.travel),
  );
  assignCommuteLines(population, areas, network, seed);
  const gates = new CommunityGates(areas, options.gatedCommunityShare, seed);
  const epidemic = new EpidemicState({
    size: population.capacity,
    strain,
    seed,
    behaviour: options.behaviour,
    ages: population.age,
  });
  const nonResidents = createNonResidents({
    seed,
    days: options.days,
    residents: options.people,
    population,
    areas,
    places,
    network,
    epidemic,
    clock,
    birthplaces,
    phones,
    ids,
    visitors: options.visitors,
    international: options.international,
    scanRate: options.compliance.scanRate,
  });
  const cluster = options.plantedCluster
    ? plantCluster(options.plantedCluster, { seed, population, areas, places, epidemic })
    : null;
  seedInfections({ population, epidemic }, options.initialInfections, seed, cluster?.index ?? NONE);
  const { sources, sourceIndex } = registerSources({ population, areas, places, nonResidents }, options);
  return {
    options,
    strain,
    clock,
    areas,
    population,
    places,
    network,
    gates,
    epidemic,
    nonResidents,
    sources,
    sourceIndex,
    cluster,
  };
}

/** Bus riders take a route of their home district; rapid-transit riders the one line. */
function assignCommuteLines(
  population: Population,
  areas: CityAreas,
  network: TransitNetwork,
  seed: number,
): void {
  const random = new Random(seed, streams.travel, 1);
  for (let p = 0; p < population.size; p++) {
    const mode = population.commute[p]!;
    if (mode === Commute.metro && network.transit.metroLine >= 0) {
      population.commuteLine[p] = network.transit.metroLine;
    } else if (mode === Commute.bus || mode === Commute.metro) {
      const district =
        areas.streetDistrict[areas.communityStreet[areas.gridCommunity[population.grid[p]!]!]!]!;
      const lines = network.transit.busLinesByDistrict[district] ?? [];
      if (lines.length > 0) {
        population.commute[p] = Commute.bus;
        population.commuteLine[p] = random.pick(lines);
      } else {
        population.commute[p] = Commute.private;
      }
    }
  }
}

/** Residents infected outside the city in the five days before the start: the outbreak's seeds. */
function seedInfections(
  { population, epidemic }: { population: Population; epidemic: EpidemicState },
  count: number,
  seed: number,
  exclude: number,
): void {
  const random = new Random(seed, streams.travel, 2);
  let placed = 0;
  for (let attempt = 0; placed < count && attempt < count * 100; attempt++) {
    const p = random.int(population.size);
    if (
      population.kind[p] !== PersonKind.resident ||
      p === exclude ||
      !epidemic.isSusceptible(p) ||
      population.age[p]! < 18
    )
      continue;
    epidemic.infect(p, -random.between(1, 5 * MINUTES_PER_DAY), NONE, PlaceKind.imported, -1);
    epidemic.importOrigin.set(p, 'outside the city');
    placed++;
  }
}

function registerSources(
  {
    population,
    areas,
    places,
    nonResidents,
  }: { population: Population; areas: CityAreas; places: Places; nonResidents: NonResidents },
  options: SimulationOptions,
): { sources: SourceRegistry; sourceIndex: SyntheticCity['sourceIndex'] } {
  const sources = new SourceRegistry(options.seed, population, areas, (p) => nonResidents.homeCounty.get(p));
  const dirty = options.dirtyData;
  // Hospitals type names in a hurry; laboratories register from screening lists with more missing IDs.
  const hospitals = areas.districts.map((district, d) =>
    sources.add({
      id: `h${district.code}`,
      category: 'hospital',
      name: places.venues.list[places.hospitalOfDistrict[d]!]!.name,
      areaCode: district.code,
      recordPrefix: 'MZ',
      dirty,
    }),
  );
  const labs = [
    sources.add({
      id: 'cdc4302',
      category: 'lab',
      name: '株洲市疾病预防控制中心实验室',
      areaCode: '4302',
      recordPrefix: 'CDC',
      dirty,
    }),
    sources.add({
      id: 'kj4302',
      category: 'lab',
      name: '株洲康检医学检验实验室',
      areaCode: '430211',
      recordPrefix: 'KJ',
      dirty: { ...dirty, missingId: Math.min(1, dirty.missingId * 2) },
    }),
    sources.add({
      id: 'xk4302',
      category: 'lab',
      name: '湘康医学检验所',
      areaCode: '430203',
      recordPrefix: 'XK',
      dirty: { ...dirty, nameTypo: Math.min(1, dirty.nameTypo * 2) },
    }),
  ];
  const port = sources.add({
    id: 'cncsx',
    category: 'port',
    name: '长沙黄花国际机场海关旅检',
    areaCode: '430121',
    recordPrefix: 'CIQ',
    dirty: { ...dirty, nameTypo: dirty.nameTypo / 2 },
  });
  const immunization = sources.add({
    id: 'imm4302',
    category: 'immunization',
    name: '株洲市免疫规划信息系统',
    areaCode: '4302',
    recordPrefix: 'YM',
    dirty: { ...dirty, missingId: 0, duplicateRecord: dirty.duplicateRecord / 2 },
  });
  return { sources, sourceIndex: { hospitals, labs, port, immunization } };
}
