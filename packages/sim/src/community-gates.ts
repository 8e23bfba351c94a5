/**
 * Community gates (小区门岗) with digital access control: a share of communities record every pass by
 * QR or card (S10), each with one to three gates. Residents use "their" gate; visitors the first one.
 */
import type { CityAreas } from './city-areas.js';
import { Random, streams } from './random.js';

export class CommunityGates {
  /** First gate index of each community, −1 when the community records no passes. */
  readonly firstGate: Int32Array;
  readonly gateCount: Uint8Array;
  readonly gateCommunity: number[] = [];
  readonly gateId: string[] = [];

  constructor(areas: CityAreas, gatedShare: number, seed: number) {
    const random = new Random(seed, streams.places, 7);
    this.firstGate = new Int32Array(areas.communities.length).fill(-1);
    this.gateCount = new Uint8Array(areas.communities.length);
    areas.communities.forEach((community, c) => {
      // Urban residents' committees (gated compounds) record gates far more often than villages.
      const share = areas.communityIsUrban[c] ? Math.min(1, gatedShare * 1.5) : gatedShare * 0.3;
      if (!random.chance(share)) return;
      const count = random.between(1, 3);
      this.firstGate[c] = this.gateId.length;
      this.gateCount[c] = count;
      for (let g = 1; g <= count; g++) {
        this.gateCommunity.push(c);
        this.gateId.push(`${community.code}-G${g}`);
      }
    });
  }

  /** The gate a person uses at a community, or −1 when it records none. */
  gateFor(community: number, person: number): number {
    const first = this.firstGate[community]!;
    return first < 0 ? -1 : first + (person % this.gateCount[community]!);
  }
}
