/**
 * The planted cluster: an outbreak that starts at one wet market (or one primary-school class) in one
 * street on a known day, for early warning and tracing to find. A vendor (or pupil) is infected two days
 * earlier, made highly infectious, keeps working through mild symptoms and only visits a fever clinic four
 * days after the cluster starts — the pattern of the Xinfadi market (Beijing, June 2020) and of many
 * 2022 market clusters.
 */
import type { CityAreas } from './city-areas.js';
import { NONE, PlaceKind, type EpidemicState } from './epidemic-state.js';
import { MINUTES_PER_DAY } from './local-time.js';
import type { Places } from './places.js';
import { PersonKind, Role, type Population } from './population.js';
import { Random, streams } from './random.js';
import type { VenueType } from './venue-types.js';

export interface PlantedClusterOptions {
  kind: 'market' | 'school';
  /** Street (12-digit code) to plant it in; default: the most populous urban street with such a venue. */
  streetCode?: string;
  /** Day index on which the index case starts infecting at the venue. */
  day: number;
  /** The index case's infectiousness relative to an average infection (superspreading). */
  infectiousnessMultiplier: number;
}

export interface PlantedCluster {
  kind: 'market' | 'school';
  venue: number;
  /** Zone of the index case inside the venue (market section or class), −1 if none. */
  zone: number;
  street: number;
  index: number;
  /** Minute the cluster starts (the index's first day at the venue while infectious). */
  start: number;
}

export function plantCluster(
  options: PlantedClusterOptions,
  city: { seed: number; population: Population; areas: CityAreas; places: Places; epidemic: EpidemicState },
): PlantedCluster | null {
  const { seed, population, areas, places, epidemic } = city;
  const random = new Random(seed, streams.cluster);
  const type: VenueType = options.kind === 'market' ? 'market' : 'primary_school';
  const venues = places.venues;
  const candidates = (street: number) =>
    venues.inStreet(type, street).filter((v) => hasIndexCandidate(population, v, options.kind));
  let street = options.streetCode ? (areas.streetIndex.get(options.streetCode) ?? -1) : -1;
  if (street < 0 || candidates(street).length === 0) {
    const ranked = areas.streets
      .map((_, s) => s)
      .filter((s) => areas.streetIsUrban[s] && candidates(s).length > 0)
      .sort((a, b) => (places.residentsByStreet[b] ?? 0) - (places.residentsByStreet[a] ?? 0) || a - b);
    street = ranked[0] ?? -1;
  }
  if (street < 0) return null;
  const venue = candidates(street)[0]!;
  const people: number[] = [];
  for (let p = 0; p < population.size; p++) {
    if (population.kind[p] !== PersonKind.resident || population.placeOfDay[p] !== venue) continue;
    if (options.kind === 'market' ? population.role[p] === Role.worker : population.role[p] === Role.pupil)
      people.push(p);
  }
  const index = random.pick(people);
  const start = options.day * MINUTES_PER_DAY + 6 * 60;
  // Infected one latent period before the cluster morning, so that is when infectiousness begins.
  const infectedAt = start - Math.round(epidemic.strain.latentMinimumDays * MINUTES_PER_DAY);
  epidemic.infect(index, infectedAt, NONE, PlaceKind.seeded, venue);
  epidemic.asymptomatic[index] = 0;
  // Symptoms mild enough to keep working; onset on the cluster day, a clinic visit four days later. The
  // window opens at max(−shift, latent − incubation) = 12 hours before onset: the cluster morning.
  const onset = start + 12 * 60;
  epidemic.onsetAt[index] = onset;
  const tauMin = Math.max(
    -epidemic.strain.infectiousness.shift,
    epidemic.strain.latentMinimumDays - (onset - infectedAt) / MINUTES_PER_DAY,
  );
  epidemic.tauMin[index] = tauMin;
  epidemic.recoveredAt[index] = onset + 10 * MINUTES_PER_DAY;
  epidemic.tauMax[index] = 10;
  epidemic.norm[index] = epidemic.profile.windowMass(tauMin, 10);
  epidemic.individualInfectiousness[index] = options.infectiousnessMultiplier;
  epidemic.staysHomeFrom[index] = NONE;
  epidemic.clinicVisitAt[index] = (options.day + 4) * MINUTES_PER_DAY + 15 * 60;
  epidemic.pharmacyVisitAt[index] = NONE;
  return { kind: options.kind, venue, zone: population.zoneOfDay[index]!, street, index, start };
}

function hasIndexCandidate(population: Population, venue: number, kind: 'market' | 'school'): boolean {
  for (let p = 0; p < population.size; p++) {
    if (population.placeOfDay[p] !== venue) continue;
    if (kind === 'market' ? population.role[p] === Role.worker : population.role[p] === Role.pupil)
      return true;
  }
  return false;
}

export interface ClusterMember {
  person: number;
  role: 'index' | 'venue' | 'onward';
  generation: number;
}

/**
 * Members of the planted cluster in the ground truth: the index case, everyone infected at the cluster
 * venue from its start, and every infection descending from them.
 */
export function clusterMembers(cluster: PlantedCluster, epidemic: EpidemicState): ClusterMember[] {
  const role = new Map<number, ClusterMember>();
  role.set(cluster.index, { person: cluster.index, role: 'index', generation: 0 });
  for (const p of epidemic.infected) {
    if (role.has(p)) continue;
    const atVenue =
      epidemic.placeKind[p] === PlaceKind.venue &&
      epidemic.place[p] === cluster.venue &&
      epidemic.infectedAt[p]! >= cluster.start;
    const infector = epidemic.infector[p]!;
    const parent = infector === NONE ? undefined : role.get(infector);
    if (atVenue && (parent || epidemic.infectedAt[p]! < cluster.start + 7 * MINUTES_PER_DAY)) {
      role.set(p, { person: p, role: 'venue', generation: (parent?.generation ?? 0) + 1 });
    } else if (parent) {
      role.set(p, { person: p, role: 'onward', generation: parent.generation + 1 });
    }
  }
  return [...role.values()];
}
