import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { stringify } from 'safe-stable-stringify'

/** Where a cached answer came from, for metrics. */
export type CacheResult = 'hit' | 'miss' | 'coalesced'

/** An LRU+TTL cache of advice text that also shares identical calls in flight. */
export interface AdviceCache {
  run (key: string, signal: AbortSignal, produce: (signal: AbortSignal) => Promise<string>, observe?: (result: CacheResult) => void): Promise<string>
  readonly size: number
}

/**
 * The cache key of a request: a digest of the provider, its model and the
 * request as JSON with its keys sorted at every depth (safe-stable-stringify),
 * so equal requests share a key whatever their field order, and no provider
 * answers for another.
 */
export function cacheKey (provider: string, model: string, request: object): string {
  return createHash('sha256').update(provider).update('\0').update(model).update('\0').update(stringify(request)).digest('base64url')
}

interface Flight { key: string, promise: Promise<string>, controller: AbortController, waiters: number }

/**
 * lru-cache for storage (size and TTL bounded); coalescing is ours: callers
 * of the same key share one upstream call, which is aborted only when every
 * one of them has gone away. `max` or `ttlS` of 0 turns storage off, but
 * coalescing still applies. `now` (milliseconds) replaces the monotonic
 * clock the TTL is measured on, so a test can move time instead of sleeping.
 */
export function createAdviceCache (max: number, ttlS: number, now?: () => number): AdviceCache {
  // A given clock is read at every check: lru-cache otherwise reuses one
  // reading for a millisecond of real time, which a test's clock is not.
  const clock = now === undefined ? {} : { perf: { now }, ttlResolution: 0 }
  const store = max > 0 && ttlS > 0 ? new LRUCache<string, string>({ max, ttl: ttlS * 1000, ...clock }) : undefined
  const flights = new Map<string, Flight>()
  const end = (flight: Flight) => { if (flights.get(flight.key) === flight) flights.delete(flight.key) }

  return {
    get size () { return store?.size ?? 0 },
    async run (key, signal, produce, observe = () => {}) {
      const cached = store?.get(key)
      if (cached !== undefined) {
        observe('hit')
        return cached
      }
      let flight = flights.get(key)
      observe(flight === undefined ? 'miss' : 'coalesced')
      if (flight === undefined) {
        const controller = new AbortController()
        const created: Flight = { key, controller, waiters: 0, promise: produce(controller.signal) }
        flight = created
        flights.set(key, created)
        // Only a successful answer is stored; either way the flight ends.
        created.promise.then((text) => store?.set(key, text), () => {}).finally(() => end(created))
      }
      const current = flight
      current.waiters++
      const leave = () => {
        if (--current.waiters > 0) return
        // Nobody wants this answer any more: later callers start afresh
        // instead of joining a call that is being aborted.
        end(current)
        current.controller.abort(signal.reason)
      }
      // An already-aborted signal never fires 'abort': its caller has gone now.
      if (signal.aborted) leave()
      else signal.addEventListener('abort', leave, { once: true })
      try {
        return await current.promise
      } finally {
        signal.removeEventListener('abort', leave)
      }
    }
  }
}
