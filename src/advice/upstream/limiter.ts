/** Thrown when a call cannot get a slot: the queue is full or the wait ran out. */
export class ShedError extends Error {
  constructor (reason: 'queue_full' | 'queue_timeout') {
    super(`shed: ${reason}`)
    this.name = 'ShedError'
  }
}

/** Concurrency limiter with a bounded, time-limited wait queue. */
export interface Limiter {
  /** Waits for a slot (at most `timeoutMs`); resolves with its release function. */
  acquire (signal: AbortSignal): Promise<() => void>
  readonly active: number
  readonly queued: number
}

/**
 * A bulkhead: at most `capacity` calls run, at most `queueMax` wait, each for
 * at most `timeoutMs`. Hand-written because cockatiel 3's BulkheadPolicy
 * leaves cancelled waiters in its queue and stops dequeuing at the first one,
 * so a timed-out waiter would stall every call behind it.
 */
export function createLimiter (capacity: number, queueMax: number, timeoutMs: number, onChange: (active: number, queued: number) => void = () => {}): Limiter {
  let active = 0
  const waiters: Array<{ grant: () => void }> = []
  const changed = () => onChange(active, waiters.length)

  const release = () => {
    const next = waiters.shift()
    if (next === undefined) active--
    else next.grant()
    changed()
  }

  return {
    get active () { return active },
    get queued () { return waiters.length },
    async acquire (signal) {
      if (signal.aborted) throw new ShedError('queue_timeout')
      if (active < capacity) {
        active++
        changed()
        return once(release)
      }
      if (waiters.length >= queueMax || timeoutMs === 0) throw new ShedError('queue_full')
      return await new Promise<() => void>((resolve, reject) => {
        const leave = (reason: 'queue_timeout') => {
          // Only a waiting entry can get here: granting clears its timer and listener.
          waiters.splice(waiters.indexOf(waiter), 1)
          cleanup()
          changed()
          reject(new ShedError(reason))
        }
        const timer = setTimeout(() => leave('queue_timeout'), timeoutMs)
        const onAbort = () => leave('queue_timeout')
        const cleanup = () => { clearTimeout(timer); signal.removeEventListener('abort', onAbort) }
        // The slot passes straight from the releasing call to this waiter, so
        // `active` never dips and no newcomer can jump the queue.
        const waiter = { grant: () => { cleanup(); resolve(once(release)) } }
        waiters.push(waiter)
        signal.addEventListener('abort', onAbort, { once: true })
        changed()
      })
    }
  }
}

function once (fn: () => void): () => void {
  let done = false
  return () => { if (!done) { done = true; fn() } }
}
