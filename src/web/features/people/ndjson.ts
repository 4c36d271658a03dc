/**
 * Reads NDJSON (one JSON value per line) as it arrives in pieces: a streamed answer's text grows, and a line may be
 * cut anywhere between two pieces. `push` takes a new piece (`pushTotal` the text so far) and returns the values of
 * the lines it completed; `end` returns the last one when the answer ended without a newline.
 */
export class NdjsonReader {
  #pending = '';
  #seen = 0;
  /** Lines that were not JSON, skipped (a server that follows the contract sends none). */
  invalid = 0;

  /** A new piece of the answer. */
  push(piece: string): unknown[] {
    this.#pending += piece;
    const cut = this.#pending.lastIndexOf('\n');
    if (cut < 0) return [];
    const complete = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut + 1);
    return this.#parse(complete);
  }

  /**
   * The whole answer so far (an XMLHttpRequest's `responseText` while it loads): only the part not seen before is
   * read, so calling it on every progress event costs only the new text.
   */
  pushTotal(text: string): unknown[] {
    const piece = text.slice(this.#seen);
    this.#seen = text.length;
    return this.push(piece);
  }

  /** The answer ended: the last line, if it had no newline after it. */
  end(): unknown[] {
    const rest = this.#pending;
    this.#pending = '';
    return this.#parse(rest);
  }

  #parse(text: string): unknown[] {
    const out: unknown[] = [];
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      try {
        out.push(JSON.parse(trimmed));
      } catch {
        this.invalid++;
      }
    }
    return out;
  }
}
