// The bare node:http baselines (bench/bare-server.ts), each measured at most
// once per bench run and shared by the sections that compare against it.
import { foodBody, gymBody, measured, waterBody, devMeals, type Measured, type Req } from './load.js'
import { bareServer, stop } from './proc.js'
import { runRow, type Report } from './report.js'
import { perText, type PerText } from './per-text.js'

export type BareRoute = 'water' | 'gym' | 'food'
const BODIES: Record<BareRoute, (i: number) => string> = { water: waterBody, gym: gymBody, food: foodBody }

/** The bare server's runs: under the standard closed-loop load per route, and per text over the development set (bench/per-text.ts). */
export interface Bare {
  /** The route's first bare run under load, measured on the first call and shared after. */
  loaded: (route: BareRoute) => Promise<Measured>
  /** A further bare run of the route, measured now: to bracket a server run with one before and one after. */
  again: (route: BareRoute) => Promise<Measured>
  perTextFood: () => Promise<PerText>
  /** Highest peak RSS (MB) of the bare processes measured so far; measures /water if none was. */
  peakMb: () => Promise<number>
}

export function createBare (report: Report): Bare {
  const loaded = new Map<BareRoute, Promise<Measured>>()
  let seq: Promise<PerText> | undefined
  const peaks: number[] = []
  const measure = async (route: BareRoute, label: string): Promise<Measured> => {
    const p = await bareServer()
    try {
      const m = await measured(p, { request: (i): Req => ({ path: `/${route}`, body: BODIES[route](i) }) })
      runRow(report, `bare node:http, POST /${route} (${label})`, m)
      peaks.push(m.peakMb)
      return m
    } finally {
      await stop(p)
    }
  }
  const bare: Bare = {
    loaded: async (route) => {
      let run = loaded.get(route)
      if (run === undefined) {
        run = measure(route, 'baseline')
        loaded.set(route, run)
      }
      return await run
    },
    again: async (route) => await measure(route, 'baseline, again after the server'),
    perTextFood: async () => {
      seq ??= (async () => {
        const p = await bareServer()
        try {
          return await perText(p, '/food', devMeals.map((_, i) => foodBody(i)))
        } finally {
          await stop(p)
        }
      })()
      return await seq
    },
    peakMb: async () => {
      if (peaks.length === 0) await bare.loaded('water')
      return Math.max(...peaks)
    }
  }
  return bare
}
