import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { Agent, request } from 'undici'
import { postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { productionBundle } from '../../helpers/bundle.js'
import { startServer, type ServerProcess } from '../../helpers/server-process.js'

// Every entry is logged at one fixed instant, so "the day" never depends on
// the wall clock (a run at 23:59 UTC must not split across two days).
const DAY = '2026-03-10'
const TIME = `${DAY}T12:00:00Z`
// Amounts in quarter litres are exact in binary floating point, so any sum
// of them is exact too and the totals can be compared with equal.
const AMOUNTS = [0.25, 0.5, 0.75]
const CLIENTS = 8
const ACKED_BEFORE_KILL = 60
const POLL_LIMIT = 2000

interface Reply { status: number, headers: Record<string, string | string[] | undefined>, body: any }
interface Entry { id: string, body: { amount_liters: number, client_ref: string } }

/** One HTTP exchange with the spawned server; the body is parsed when it is JSON. */
async function call (agent: Agent, url: string, method: 'GET' | 'POST', path: string, opts: { user?: string, key?: string, body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { authorization: 'Bearer k1' }
  if (opts.user !== undefined) headers['x-user-id'] = opts.user
  if (opts.key !== undefined) headers['idempotency-key'] = opts.key
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  const res = await request(`${url}${path}`, { dispatcher: agent, method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) })
  const text = await res.body.text()
  const type = String(res.headers['content-type'] ?? '')
  return { status: res.statusCode, headers: res.headers, body: type.includes('json') ? JSON.parse(text) : text }
}

/** A water log whose extra `client_ref` field names its Idempotency-Key, so every stored entry maps back to one key. */
const waterBody = (key: string, i: number) => ({ amount_liters: AMOUNTS[i % AMOUNTS.length], time: TIME, client_ref: key })

/** Every entry of a user, following next_cursor to the end. */
async function allEntries (agent: Agent, url: string, user: string): Promise<Entry[]> {
  const items: Entry[] = []
  let cursor: string | null = null
  for (let page = 0; page < POLL_LIMIT; page++) {
    const res: Reply = await call(agent, url, 'GET', `/entries?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`, { user })
    if (res.status !== 200) throw new Error(`GET /entries answered ${res.status}`)
    items.push(...res.body.items)
    cursor = res.body.next_cursor
    if (cursor === null) return items
  }
  throw new Error('GET /entries never reached its last page')
}

/** The exact sum of the amounts of a set of bodies. */
const sumOf = (bodies: Iterable<{ amount_liters: number }>) => [...bodies].reduce((s, b) => s + b.amount_liters, 0)

/** Polls until check() is true, a bounded number of times, each attempt being one real round-trip. */
async function until (what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < POLL_LIMIT; i++) if (await check()) return
  throw new Error(`gave up waiting for ${what}`)
}

// The server runs as `npm start` runs it (the production bundle), so a
// restart is a process start, not a recompile of the sources.
const { server: entry } = await productionBundle()

/** Starts the bundled server with `env`. */
async function start (env: Record<string, string>): Promise<ServerProcess> {
  return await startServer(env, entry)
}

/** What a set of concurrent logging clients saw, key by key. */
interface Log {
  sent: Map<string, ReturnType<typeof waterBody>>
  acked: Map<string, string>
  statuses: Map<number, number>
  unanswered: Set<string>
  problems: Reply[]
}

/**
 * Runs `clients` loops, each logging one water entry at a time with a fresh
 * Idempotency-Key, until stop() says so or the connection fails. onAck runs
 * after every 200 (the crash test kills the server from it, mid-stream).
 */
function logLoad (agent: Agent, url: string, user: string, clients: number, opts: { stop: () => boolean, onAck?: (log: Log) => void, onAnswer?: (log: Log) => void }) {
  const log: Log = { sent: new Map(), acked: new Map(), statuses: new Map(), unanswered: new Set(), problems: [] }
  const loop = async (c: number) => {
    for (let i = 0; !opts.stop(); i++) {
      const key = `c${c}-${i}`
      const body = waterBody(key, i)
      log.sent.set(key, body)
      let res: Reply
      try {
        res = await call(agent, url, 'POST', '/water', { user, key, body })
      } catch {
        log.unanswered.add(key)
        return
      }
      log.statuses.set(res.status, (log.statuses.get(res.status) ?? 0) + 1)
      if (res.status === 200) {
        log.acked.set(key, res.body.entry_id)
        opts.onAck?.(log)
      } else {
        log.unanswered.add(key)
        if (log.problems.length < 20) log.problems.push(res)
      }
      opts.onAnswer?.(log)
    }
  }
  const state = { finished: false }
  const done = Promise.all(Array.from({ length: clients }, (_, c) => loop(c))).then(() => {
    state.finished = true
    opts.onAnswer?.(log)
  })
  return { log, done, state }
}

/**
 * After a crash or an outage: every acknowledged entry is stored under its
 * own id; every key without a 200 succeeds when retried; then each key maps
 * to exactly one entry and the day's water is the exact sum over the keys.
 */
async function checkConsistent (t: Test, agent: Agent, url: string, user: string, log: Log): Promise<{ found: number, duplicates: number, retried: number, committedUnanswered: number, replayed: number }> {
  const before = await allEntries(agent, url, user)
  const byId = new Map(before.map((e) => [e.id, e]))
  let found = 0
  for (const [key, id] of log.acked) if (byId.get(id)?.body.client_ref === key) found++
  t.equal(found, log.acked.size, 'every acknowledged entry is stored, under the entry_id it was acknowledged with')
  // Committed, but the 200 never reached the client: the retry must replay these, not add a second entry.
  const committedUnanswered = before.filter((e) => log.unanswered.has(e.body.client_ref)).length

  const retries = await Promise.all([...log.unanswered].map(async (key) => {
    const res = await call(agent, url, 'POST', '/water', { user, key, body: log.sent.get(key) })
    return { key, res }
  }))
  const failed = retries.filter((r) => r.res.status !== 200)
  t.same(failed.map((r) => ({ key: r.key, status: r.res.status, detail: r.res.body?.detail })), [], 'every key that got no 200 succeeds when retried with the same body')

  const after = await allEntries(agent, url, user)
  const stored = new Map(after.map((e) => [e.id, e.body.client_ref]))
  t.same(retries.filter((r) => r.res.status === 200 && stored.get(r.res.body.entry_id) !== r.key).map((r) => r.key), [], 'each retry answers with its own key\'s stored entry')
  const perKey = new Map<string, number>()
  for (const e of after) perKey.set(e.body.client_ref, (perKey.get(e.body.client_ref) ?? 0) + 1)
  const duplicates = [...perKey.values()].reduce((s, n) => s + n - 1, 0)
  t.equal(duplicates, 0, 'no key has two entries')
  t.same([...perKey.keys()].sort(), [...log.sent.keys()].sort(), 'the stored entries are exactly one per key sent')

  const summary = await call(agent, url, 'GET', `/summary?date=${DAY}`, { user })
  t.equal(summary.status, 200)
  t.equal(summary.body.water_l, sumOf(log.sent.values()), 'the day\'s water is the exact sum over the distinct keys')
  t.equal(summary.body.entries, log.sent.size)
  const replayed = retries.filter((r) => r.res.headers['idempotent-replayed'] === 'true').length
  return { found, duplicates, retried: retries.length, committedUnanswered, replayed }
}

/**
 * SIGKILL mid-stream under concurrent logging, restart on the same database,
 * and check nothing acknowledged was lost. Returns the restarted server,
 * which `owner`'s teardown kills (later subtests reuse it: each start costs seconds).
 */
async function crashTest (t: Test, databaseUrl: string, owner: Test = t): Promise<ServerProcess> {
  const env = { API_KEYS: 'k1', DATABASE_URL: databaseUrl }
  const agent = new Agent({ connections: CLIENTS * 2 })
  t.teardown(() => agent.destroy())
  let server: ServerProcess = await start(env)
  owner.teardown(() => { server.child.kill('SIGKILL') })
  const first = server
  let killed = false
  const { log, done } = logLoad(agent, first.url, 'crash', CLIENTS, {
    stop: () => killed,
    onAck: (l) => {
      if (!killed && l.acked.size >= ACKED_BEFORE_KILL) {
        killed = true
        first.child.kill('SIGKILL')
      }
    }
  })
  await done
  t.equal(await first.exit, null, 'the server died of SIGKILL')
  t.same([...log.statuses.keys()], [200], 'before the crash every answer was a 200')

  server = await start(env)
  const figures = await checkConsistent(t, agent, server.url, 'crash', log)
  t.comment(`crash: ${log.acked.size} acknowledged before SIGKILL, ${figures.found} found after restart, ${figures.retried} keys cut off by the crash retried (${figures.committedUnanswered} of them had been committed; ${figures.replayed} retries replayed), ${figures.duplicates} duplicates, ${log.sent.size} entries in all`)
  return server
}

t.test('SQLite file: nothing acknowledged is lost to a SIGKILL, and retries make no duplicates', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'health-tracker-durability-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await crashTest(t, `sqlite:${join(dir, 'db')}`)
})

t.test('Postgres', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  // The server restarted by the crash test serves the later subtests, each as its own users.
  let server: ServerProcess | undefined
  const live = (): ServerProcess => {
    if (server === undefined) throw new Error('the crash test did not leave a server running')
    return server
  }

  await t.test('nothing acknowledged is lost to a SIGKILL of the server, and retries make no duplicates', async (st) => {
    server = await crashTest(st, pg.url, t)
  })

  await t.test('concurrent logs: 100 for one user add up exactly; 20 with one Idempotency-Key make one entry', async (t) => {
    const server = live()
    const agent = new Agent({ connections: 100 })
    t.teardown(() => agent.destroy())

    const many = await Promise.all(Array.from({ length: 100 }, (_, i) => call(agent, server.url, 'POST', '/water', { user: 'many', body: waterBody(`m${i}`, 0) })))
    t.same([...new Set(many.map((r) => r.status))], [200])
    t.equal(new Set(many.map((r) => r.body.entry_id)).size, 100, '100 distinct entries')
    const summary = await call(agent, server.url, 'GET', `/summary?date=${DAY}`, { user: 'many' })
    t.equal(summary.body.water_l, 25, '100 × 0.25 L')
    t.equal(summary.body.entries, 100)

    const body = waterBody('same', 1)
    const same = await Promise.all(Array.from({ length: 20 }, () => call(agent, server.url, 'POST', '/water', { user: 'same', key: 'one-key', body })))
    const ok = same.filter((r) => r.status === 200)
    t.ok(ok.length >= 1, 'at least one of them is answered 200')
    t.same([...new Set(ok.map((r) => r.body.entry_id))].length, 1, 'every 200 names the same entry')
    t.same(same.filter((r) => r.status !== 200).map((r) => r.status).filter((s) => s !== 409), [], 'the others are 409 while it is in flight')
    const entries = await allEntries(agent, server.url, 'same')
    t.equal(entries.length, 1, 'exactly one entry')
    t.equal(entries[0].id, ok[0].body.entry_id)
    const again = await call(agent, server.url, 'POST', '/water', { user: 'same', key: 'one-key', body })
    t.equal(again.status, 200, 'a later retry replays the answer')
    t.equal(again.body.entry_id, ok[0].body.entry_id)
    t.equal(again.headers['idempotent-replayed'], 'true')
  })

  await t.test('Postgres down: tracked requests get 503 + Retry-After, stateless ones still work, and it heals without a restart', async (t) => {
    const server = live()
    const agent = new Agent({ connections: 16 })
    t.teardown(() => agent.destroy())
    const { url } = server

    let phase: 'up' | 'down' | 'healed' | 'done' = 'up'
    const seen = { up: 0, down503: 0, healed: 0 }
    let signal: () => void = () => {}
    const wake = () => { signal() }
    const { log, done, state } = logLoad(agent, url, 'faults', 3, {
      stop: () => phase === 'done',
      onAnswer: (l) => {
        if (phase === 'up') seen.up = l.acked.size
        wake()
      },
      onAck: () => { if (phase === 'healed') seen.healed++ }
    })
    // Waits for the clients' answers to meet a condition: each turn is one answer.
    const reached = async (what: string, check: () => boolean) => {
      for (let i = 0; i < POLL_LIMIT * 10 && !check() && !state.finished; i++) await new Promise<void>((resolve) => { signal = resolve })
      if (!check()) throw new Error(`gave up waiting for ${what}: answers ${JSON.stringify([...log.statuses])}, ${log.unanswered.size} unanswered\n${server.output().slice(-3000)}`)
    }
    await reached('20 acknowledged logs', () => seen.up >= 20)

    phase = 'down'
    await pg.stop()
    await reached('tracked 503s', () => log.problems.filter((p) => p.status === 503).length >= 5)
    for (const p of log.problems.filter((r) => r.status === 503)) {
      t.match(p.headers['content-type'], /^application\/problem\+json/)
      t.match(p.body, { status: 503, type: '/problems/unavailable' })
      t.ok(Number(p.headers['retry-after']) > 0, 'Retry-After names a delay')
    }
    const stateless: Reply[] = []
    for (let i = 0; i < 10; i++) stateless.push(await call(agent, url, 'POST', '/water', { body: { amount_liters: 1.2 } }))
    t.same(stateless.map((r) => r.status), Array(10).fill(200), 'stateless requests keep being answered while the database is down')
    t.same(stateless.map((r) => r.body.entry_id), Array(10).fill(undefined), 'and store nothing')
    const health = await call(agent, url, 'GET', '/health')
    t.equal(health.status, 200)
    t.equal(health.body.database, 'down')
    const ready = await call(agent, url, 'GET', '/ready')
    t.equal(ready.status, 200, 'an outage keeps the instance ready for stateless traffic')
    t.equal(ready.body.database, 'down')

    seen.down503 = log.statuses.get(503) ?? 0
    await pg.start()
    phase = 'healed'
    await reached('tracked logs to succeed again', () => seen.healed >= 10)
    await until('/health to report the database up', async () => (await call(agent, url, 'GET', '/health')).body.database === 'up')
    phase = 'done'
    wake()
    await done

    t.same([...log.statuses.keys()].filter((s) => s !== 200 && s !== 503), [], 'every answer was a 200 or a 503')
    const figures = await checkConsistent(t, agent, url, 'faults', log)
    t.comment(`outage: ${seen.up} acknowledged before the stop, ${seen.down503} 503s while it was down, ${seen.healed} acknowledged after the restart; ${figures.found}/${log.acked.size} acknowledged entries found, ${figures.retried} keys retried (${figures.committedUnanswered} had been committed; ${figures.replayed} retries replayed), ${figures.duplicates} duplicates`)
  })
})
