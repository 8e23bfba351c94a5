/** Trips as dense place groups, each with its mode (flight, train, bus, metro…), and carriage labels. */
import { invalidField } from '@shuzhi/core';
import { growUint32 } from './growable-array.js';
import { Interner } from './interner.js';

export class TripPlaces {
  readonly trips = new Interner();
  readonly modes = new Interner();
  readonly carriages = new Interner();
  readonly #tripMode = growUint32();

  /** The group of a trip, registering it with its mode when new. */
  tripFor(tripId: string, mode: string): number {
    const modeId = this.modes.intern(mode);
    const trip = this.trips.intern(tripId);
    if (trip === this.#tripMode.length) this.#tripMode.push(modeId);
    else if (this.#tripMode.get(trip) !== modeId) {
      const known = this.modes.name(this.#tripMode.get(trip));
      throw invalidField(`trip ${tripId}`, 'mode', `is ${mode}, but the trip is a ${known}`);
    }
    return trip;
  }

  modeOf(trip: number): number {
    return this.#tripMode.get(trip);
  }

  get byteLength(): number {
    return this.#tripMode.byteLength;
  }
}
