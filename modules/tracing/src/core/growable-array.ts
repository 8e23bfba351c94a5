/**
 * Append-only typed arrays that double their capacity: the write buffer (tail) of the presence index,
 * and the exposure buffers of the contact finder.
 */

export type NumericArray = Uint8Array | Uint32Array | Int32Array | Float64Array;

export class GrowableArray<A extends NumericArray> {
  #data: A;
  #length = 0;
  readonly #make: (length: number) => A;

  constructor(make: (length: number) => A, initialCapacity = 64) {
    this.#make = make;
    this.#data = make(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) this.#grow();
    this.#data[this.#length++] = value;
  }

  get(position: number): number {
    return this.#data[position]!;
  }

  set(position: number, value: number): void {
    this.#data[position] = value;
  }

  /** A view of the filled part, valid until the next push. */
  view(): A {
    return this.#data.subarray(0, this.#length) as A;
  }

  clear(): void {
    this.#length = 0;
  }

  /** Empties the array and gives its memory back (a sealed write buffer should not keep 24 MB). */
  release(): void {
    this.#length = 0;
    this.#data = this.#make(64);
  }

  /** Bytes reserved, including spare capacity. */
  get byteLength(): number {
    return this.#data.byteLength;
  }

  #grow(): void {
    const bigger = this.#make(this.#data.length * 2);
    bigger.set(this.#data);
    this.#data = bigger;
  }
}

export const growUint32 = (capacity?: number): GrowableArray<Uint32Array> =>
  new GrowableArray((n) => new Uint32Array(n), capacity);
export const growInt32 = (capacity?: number): GrowableArray<Int32Array> =>
  new GrowableArray((n) => new Int32Array(n), capacity);
export const growFloat64 = (capacity?: number): GrowableArray<Float64Array> =>
  new GrowableArray((n) => new Float64Array(n), capacity);
export const growUint8 = (capacity?: number): GrowableArray<Uint8Array> =>
  new GrowableArray((n) => new Uint8Array(n), capacity);
