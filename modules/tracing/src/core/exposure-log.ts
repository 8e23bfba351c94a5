/**
 * The contact finder's append-only record of exposures: one row per exposure (contact, from, to, run)
 * and one run per scan of a place (kind, place, via), kept in raw typed arrays because a loose definition
 * produces tens of millions of rows per case and each append must cost a few nanoseconds.
 */
import { growInt32, growUint32, growUint8 } from './growable-array.js';

export class ExposureLog {
  length = 0;
  contact = new Uint32Array(4096);
  from = new Float64Array(4096);
  to = new Float64Array(4096);
  run = new Uint32Array(4096);
  readonly runKind = growUint8();
  readonly runPlace = growUint32();
  readonly runVia = growInt32();
  #openRun = -1;
  #kind = 0;
  #place = 0;
  #via = -1;

  /** The exposures added next share this kind, place and via (the run is stored when one is added). */
  startRun(kind: number, place: number, via: number): void {
    this.#kind = kind;
    this.#place = place;
    this.#via = via;
    this.#openRun = -1;
  }

  add(contact: number, from: number, to: number): void {
    if (this.#openRun < 0) {
      this.#openRun = this.runKind.length;
      this.runKind.push(this.#kind);
      this.runPlace.push(this.#place);
      this.runVia.push(this.#via);
    }
    if (this.length === this.contact.length) this.#grow();
    const i = this.length++;
    this.contact[i] = contact;
    this.from[i] = from;
    this.to[i] = to;
    this.run[i] = this.#openRun;
  }

  #grow(): void {
    const capacity = this.contact.length * 2;
    const contact = new Uint32Array(capacity);
    const from = new Float64Array(capacity);
    const to = new Float64Array(capacity);
    const run = new Uint32Array(capacity);
    contact.set(this.contact);
    from.set(this.from);
    to.set(this.to);
    run.set(this.run);
    this.contact = contact;
    this.from = from;
    this.to = to;
    this.run = run;
  }
}
