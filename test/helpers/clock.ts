import type { Test } from 'tap'

/**
 * Freezes `Date.now()` for one test and lets it move only when told.
 * cockatiel's breaker and @fastify/rate-limit's store read the wall clock
 * directly, so this is how a test reaches "400 ms later" without sleeping
 * and without a loaded machine moving time on its own. Timers are untouched.
 */
export function frozenClock (t: Test): { advance: (ms: number) => void } {
  const real = Date.now
  let now = real()
  Date.now = () => now
  t.teardown(() => { Date.now = real })
  return { advance: (ms) => { now += ms } }
}
