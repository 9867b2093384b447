// CPU per request of each text, for medians and tails over a set of texts:
// the server's CPU read from schedstat around each text's requests.
//
// Which counter: /proc/<pid>/stat counts 10 ms ticks, far coarser than one
// request, so this reads schedstat, which counts nanoseconds. The figures use
// the sum over all threads (/proc/<pid>/task/*/schedstat), not the main thread
// alone (/proc/<pid>/schedstat): V8 does part of its garbage collection and
// compilation on helper threads, and that is CPU the request costs, as it is in
// the loaded runs' totals from /proc/<pid>/stat. The main (JS) thread's median
// is kept beside it. A thread's counter is exact only while it is off the CPU,
// so each reading waits until no thread of the server is running: the window
// then holds all of the requests' work, including what follows the answer.
//
// Which load: each text is sent as a burst of BURST identical requests over as
// many keep-alive connections, and the burst's CPU divided by BURST is that
// text's figure. One request at a time is measured too, but it pays a fixed
// cost per request (waking the process from epoll, cold caches) that a server
// under load shares out: on this machine bare node:http cost 100-240 µs per
// request one at a time, 65-115 µs in bursts and 60-105 µs under load; the
// server's burst median likewise sits near its loaded mean, and the report's
// targets are loaded means.
import { Pool } from 'undici'
import { API_KEY, busy, threadCpuNs, type Proc } from './proc.js'
import { percentile } from './report.js'

const WARM_UP_MAX_MS = 30_000
/** Identical requests per text in the burst measurement. */
export const BURST = 16

/** CPU per request of each text, in µs, sorted: all threads, and the main thread alone. */
export interface Samples { all: number[], main: number[] }
/** Per-text CPU in bursts and one request at a time, after the same warm-up. */
export interface PerText { burst: Samples, single: Samples, unseen: Samples, failures: number, warmUpPasses: number }

/**
 * Waits until no thread of `pid` is runnable, for at most ~50 ms (a loaded
 * machine may keep one runnable). It sleeps between polls rather than spinning:
 * a spinning poller takes the core (or its SMT sibling) the server would run on
 * and inflates the very CPU time it reads.
 */
async function idle (pid: number): Promise<void> {
  for (let i = 0; i < 50 && busy(pid); i++) await new Promise((resolve) => setTimeout(resolve, 1))
}

/**
 * Warms up on half the bodies and measures the other half, once each (first
 * sight); then warms up on all and measures each body in a burst of BURST and
 * alone. A warm-up sends the bodies back to back in passes until a pass's mean
 * CPU per request is within 10% of the pass before (at most WARM_UP_MAX_MS):
 * steady state, with the JIT done and the lookup caches warm. A fixed pass or two is not enough: the
 * server's median over the development set halved between its second and
 * fourth pass, and the bare server's CPU per request fell threefold over its
 * first 6,000 requests.
 */
export async function perText (p: Proc, path: string, bodies: string[]): Promise<PerText> {
  const client = new Pool(p.url, { connections: BURST })
  const send = async (body: string): Promise<boolean> => {
    const res = await client.request({ method: 'POST', path, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` } })
    await res.body.dump()
    return res.statusCode >= 200 && res.statusCode < 300
  }
  try {
    let failures = 0
    let passes = 0
    const warmUp = async (texts: string[]): Promise<void> => {
      const warmUntil = performance.now() + WARM_UP_MAX_MS
      for (let last = 0, n = 0; performance.now() < warmUntil; n++) {
        const cpu0 = threadCpuNs(p.pid).all
        for (const body of texts) await send(body)
        passes++
        const mean = (threadCpuNs(p.pid).all - cpu0) / texts.length
        if (n > 0 && Math.abs(mean - last) <= 0.1 * last) break
        last = mean
      }
    }
    const measure = async (texts: string[], copies: number): Promise<Samples> => {
      await idle(p.pid)
      const all: number[] = []
      const main: number[] = []
      for (const body of texts) {
        const before = threadCpuNs(p.pid)
        const oks = await Promise.all(Array.from({ length: copies }, async () => await send(body)))
        failures += oks.filter((ok) => !ok).length
        await idle(p.pid)
        const after = threadCpuNs(p.pid)
        all.push((after.all - before.all) / 1000 / copies)
        main.push((after.main - before.main) / 1000 / copies)
      }
      const up = (a: number, b: number) => a - b
      return { all: all.sort(up), main: main.sort(up) }
    }
    // Texts the server has never seen, one request each, after a warm-up on the
    // other half of the set: what a parse or lookup cache cannot answer.
    await warmUp(bodies.filter((_, i) => i % 2 === 0))
    const unseen = await measure(bodies.filter((_, i) => i % 2 === 1), 1)
    await warmUp(bodies)
    const burst = await measure(bodies, BURST)
    const single = await measure(bodies, 1)
    return { burst, single, unseen, failures, warmUpPasses: passes }
  } finally {
    await client.close()
  }
}

/** Median, p90 and p99 of a sorted sample, for the notes. */
export const spread = (xs: number[]): string =>
  `median ${percentile(xs, 0.5).toFixed(0)} µs, p90 ${percentile(xs, 0.9).toFixed(0)} µs, p99 ${percentile(xs, 0.99).toFixed(0)} µs`
