/**
 * A set of unit ids as a bitset: one bit per id up to the largest seen, so a set of a million ids is ~150 KB,
 * not the ~50 MB of a Set<number>.
 */
export class IdSet {
  #bits = new Uint8Array(1 << 16);

  add(id: number) {
    const byte = id >>> 3;
    if (byte >= this.#bits.length) {
      let size = this.#bits.length * 2;
      while (size <= byte) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.#bits);
      this.#bits = grown;
    }
    this.#bits[byte]! |= 1 << (id & 7);
  }

  has(id: number): boolean {
    const byte = id >>> 3;
    return byte < this.#bits.length && (this.#bits[byte]! & (1 << (id & 7))) !== 0;
  }
}
