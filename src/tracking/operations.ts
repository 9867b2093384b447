import type { Kysely } from 'kysely'
import type { Tables } from './database.js'
import { asDatabaseError } from './errors.js'

/** Times each operation and reports it (metrics live outside the domain). */
export type QueryObserver = (operation: string, seconds: number, ok: boolean) => void

/** Runs one named operation on the database (see createOperations). */
export type Run = <R>(operation: string, fn: (db: Kysely<Tables>) => Promise<R>) => Promise<R>

/**
 * How the stores run their queries. Each operation first awaits `ready`
 * (settled once the schema is migrated, rejecting while that cannot happen),
 * is timed for `observe`, and has a connection or engine failure turned into
 * DatabaseUnavailableError. Operations in progress are counted, so closing can
 * wait for them (`drain`) instead of pulling the driver from under them.
 */
export function createOperations (db: Kysely<Tables>, observe: QueryObserver, ready: () => Promise<void>) {
  let inFlight = 0
  let drained: (() => void) | undefined

  const run: Run = async (operation, fn) => {
    const started = process.hrtime.bigint()
    let ok = false
    inFlight++
    try {
      await ready()
      const result = await fn(db)
      ok = true
      return result
    } catch (err) {
      throw asDatabaseError(err)
    } finally {
      observe(operation, Number(process.hrtime.bigint() - started) / 1e9, ok)
      if (--inFlight === 0) drained?.()
    }
  }

  /** Waits until no operation is in progress, or `timeoutMs` passes. */
  async function drain (timeoutMs: number): Promise<void> {
    if (inFlight === 0) return
    let timer: NodeJS.Timeout | undefined
    await new Promise<void>((resolve) => {
      drained = resolve
      timer = setTimeout(resolve, timeoutMs)
    })
    clearTimeout(timer)
    drained = undefined
  }

  return { run, drain }
}
