import { LRUCache } from 'lru-cache'

/**
 * A bounded memo of a pure function of text: the texts people log recur ("2 eggs and toast",
 * "running"), so an answer is worked out once and kept, least recently used first out, since any
 * text may come from a user and the memory must stay flat. Values may be null (LRUCache's own
 * values may not, hence the box). Callers keep answers they hand out immutable or copy them.
 */
export class Memo<V> {
  readonly #kept: LRUCache<string, { value: V }>
  #computed = 0

  constructor (max: number) {
    this.#kept = new LRUCache({ max })
  }

  /** The answer for `key`, computing it only when none is kept. */
  get (key: string, compute: () => V): V {
    const kept = this.#kept.get(key)
    if (kept !== undefined) return kept.value
    const value = compute()
    this.#computed++
    this.#kept.set(key, { value })
    return value
  }

  /** How many answers were computed rather than found (for tests that a repeated key is a hit). */
  get computed (): number {
    return this.#computed
  }

  get size (): number {
    return this.#kept.size
  }
}
