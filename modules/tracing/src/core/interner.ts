/**
 * Interning of opaque string ids (person, venue, zone, trip…) as dense integers, so the index stores
 * 4-byte numbers and the output prints the ids exactly as they were imported.
 */

export class Interner {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [];

  get size(): number {
    return this.#names.length;
  }

  /** The dense number of `name`, assigning the next one when it is new. */
  intern(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.#names.length;
      this.#ids.set(name, id);
      this.#names.push(name);
    }
    return id;
  }

  /** The dense number of `name`, or undefined when it was never interned. */
  find(name: string): number | undefined {
    return this.#ids.get(name);
  }

  name(id: number): string {
    const name = this.#names[id];
    if (name === undefined) throw new RangeError(`no interned name with id ${id}`);
    return name;
  }
}
