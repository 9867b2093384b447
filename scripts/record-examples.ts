import crypto, { createHash } from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { startFakeGemini } from '../test/helpers/fake-gemini.js'

/** One named example of a response: real output of the app. */
export interface Example { summary: string, value: unknown }
/** operationId → status → media type → example name → example. */
export type ExampleBook = Record<string, Record<string, Record<string, Record<string, Example>>>>
/** operationId → status → the (lower-case) names of the headers its recorded answers carried. */
export type SeenHeaders = Record<string, Record<string, string[]>>

/** The instant the recording's clock starts at: the afternoon of the seed's 2024-06-01. */
export const RECORDED_AT = Date.parse('2024-06-01T16:00:00.000Z')

const KEY = 'example-key'
const JSON_TYPE = 'application/json'
const PROBLEM_TYPE = 'application/problem+json'
const SEEDS = {
  water: { amount_liters: 2.0, time: '2024-06-01T10:00:00' },
  gym: { activity: 'running', duration_minutes: 45 },
  food: { meal: 'breakfast', food: 'oatmeal with berries' }
} as const
const TOPICS = [
  { topic: 'water', op: 'adviseWater', invalid: { amount_liters: 500 }, other: { amount_liters: 0.5 } },
  { topic: 'gym', op: 'adviseGym', invalid: { activity: 'running', duration_minutes: '45' }, other: { activity: 'cycling', duration_minutes: 30 } },
  { topic: 'food', op: 'adviseFood', invalid: { meal: 'brunch', food: 'oatmeal with berries' }, other: { meal: 'lunch', food: 'rice and beans' } }
] as const
// A food from its label and a recipe, as the README's examples post them.
const SHAKE = { name: 'protein shake', aliases: ['shake'], serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160, protein_g: 30, carbs_g: 6, fat_g: 2, sodium_mg: 220 } }
const CHILI = { name: 'grandma\'s chili', recipe: '500 g ground beef, 400 g kidney beans, 1 onion', servings: 4 }

/**
 * A frozen wall clock (moved on by one second per request) and counted UUIDs
 * (request ids, entry ids), so the recording is the same on every run and a
 * test can compare it with the committed file. Timers are untouched: the
 * upstream timeout still fires.
 */
export function freezeClockAndIds (): { tick: () => void, restore: () => void } {
  const RealDate = Date
  const realUuid = crypto.randomUUID
  let now = RECORDED_AT
  let n = 0
  class RecordedDate extends RealDate {
    constructor (...args: unknown[]) {
      if (args.length === 0) super(now)
      else super(...(args as [string]))
    }

    static now (): number { return now }
  }
  globalThis.Date = RecordedDate as DateConstructor
  crypto.randomUUID = () => {
    const hex = createHash('sha256').update(`example ${++n}`).digest('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}` as ReturnType<typeof realUuid>
  }
  syncBuiltinESMExports()
  return {
    tick: () => { now += 1000 },
    restore: () => {
      globalThis.Date = RealDate
      crypto.randomUUID = realUuid
      syncBuiltinESMExports()
    }
  }
}

/** One request per /foods operation, as one user, for the answers every operation gives alike (429, 503). */
function foodRequests (tracked: (url: string, method?: InjectOptions['method']) => InjectOptions): Array<[string, InjectOptions]> {
  const id = '5b0e2d8c-9f31-4c56-8a47-0d2f6e9b1c3a'
  const withBody = (request: InjectOptions): InjectOptions => ({ ...request, headers: { ...request.headers, 'content-type': JSON_TYPE }, payload: SHAKE })
  return [
    ['createFood', withBody(tracked('/foods', 'POST'))], ['listFoods', tracked('/foods')], ['getFood', tracked(`/foods/${id}`)],
    ['replaceFood', withBody(tracked(`/foods/${id}`, 'PUT'))], ['deleteFood', tracked(`/foods/${id}`, 'DELETE')]
  ]
}

/**
 * Runs the app (in-memory SQLite, a fake Gemini on 127.0.0.1 for the upstream
 * failures, a Postgres URL nobody listens on for the database outage) and
 * records one answer per documented response: the seed requests of the API
 * (docs/api.md), the tracking routes, and each problem as the error handler writes it.
 */
export async function recordExamples (): Promise<{ examples: ExampleBook, headers: SeenHeaders }> {
  const { tick, restore } = freezeClockAndIds()
  const apps: FastifyInstance[] = []
  const gemini = await startFakeGemini()
  try {
    // Imported after the clock and ids are fixed, so every module sees them.
    const { buildApp } = await import('../src/app.js')
    const { loadConfig } = await import('../src/config.js')
    const start = async (env: Record<string, string>) => {
      const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', API_KEYS: KEY, DATABASE_URL: 'sqlite::memory:', MAX_EVENT_LOOP_DELAY_MS: '0', ...env }))
      apps.push(app)
      await app.ready()
      return app
    }
    const book: ExampleBook = {}
    const seen: SeenHeaders = {}
    const record = async (app: FastifyInstance, op: string, name: string, summary: string, request: InjectOptions, expected: number) => {
      tick()
      const res = await app.inject(request)
      // Fires only when the app no longer answers as recorded; the staleness test then fails with this message.
      /* c8 ignore next */
      if (res.statusCode !== expected) throw new Error(`${op} ${name}: expected ${expected}, got ${res.statusCode} ${res.body}`)
      const type = String(res.headers['content-type']).split(';')[0]
      const value = type === JSON_TYPE || type === PROBLEM_TYPE ? res.json() : res.body
      const media = ((book[op] ??= {})[String(expected)] ??= {})[type] ??= {}
      media[name] = { summary, value }
      const names = (seen[op] ??= {})[String(expected)] ??= []
      for (const header of Object.keys(res.headers)) if (!names.includes(header)) names.push(header)
      return res
    }
    const key = { authorization: `Bearer ${KEY}` }
    const alice = { ...key, 'x-user-id': 'alice' }
    const post = (url: string, payload: unknown, headers: Record<string, string> = key): InjectOptions =>
      ({ method: 'POST', url, headers: { 'content-type': JSON_TYPE, ...headers }, payload: payload as object })

    const app = await start({ RATE_LIMIT_MAX: '1000' })
    await record(app, 'putProfile', 'profile', 'Weight and time zone set; the rest unset', { method: 'PUT', url: '/profile', headers: { ...alice, 'content-type': JSON_TYPE }, payload: { weight_kg: 70, timezone: 'Europe/Paris' } }, 200)
    await record(app, 'putProfile', 'unknown_time_zone', 'A time zone that is not an IANA name', { method: 'PUT', url: '/profile', headers: { ...alice, 'content-type': JSON_TYPE }, payload: { timezone: 'Mars/Olympus_Mons' } }, 400)
    const ids: string[] = []
    for (const { topic, op, invalid, other } of TOPICS) {
      await record(app, op, 'seed', `The seed request ${JSON.stringify(SEEDS[topic])}, no user: answered, nothing stored`, post(`/${topic}`, SEEDS[topic]), 200)
      const tracked = await record(app, op, 'tracked', 'The same seed with X-User-Id: logged, with the day\'s totals', post(`/${topic}`, SEEDS[topic], { ...alice, 'idempotency-key': `${topic}-seed-1` }), 200)
      ids.push(tracked.json().entry_id)
      await record(app, op, 'validation_error', `An invalid body ${JSON.stringify(invalid)}`, post(`/${topic}`, invalid), 400)
      await record(app, op, 'malformed_json', 'A body that is not JSON', post(`/${topic}`, '{"amount_liters": 2.0,'), 400)
      await record(app, op, 'missing_token', 'No Authorization header while API keys are configured', post(`/${topic}`, SEEDS[topic], {}), 401)
      await record(app, op, 'idempotency_conflict', 'The seed\'s Idempotency-Key sent again with another body', post(`/${topic}`, other, { ...alice, 'idempotency-key': `${topic}-seed-1` }), 409)
      await record(app, op, 'too_large', 'A body over BODY_LIMIT_BYTES (16 KiB by default)', post(`/${topic}`, { ...SEEDS[topic], note: 'x'.repeat(17_000) }), 413)
      await record(app, op, 'not_json', 'A text/plain body', { method: 'POST', url: `/${topic}`, headers: { ...key, 'content-type': 'text/plain' }, payload: 'two litres' }, 415)
    }

    const user = (url: string, method: InjectOptions['method'] = 'GET'): InjectOptions => ({ method, url, headers: alice })
    await record(app, 'listEntries', 'page', 'The three seed entries, newest first', user('/entries'), 200)
    await record(app, 'listEntries', 'validation_error', 'A limit over 200', user('/entries?limit=500'), 400)
    await record(app, 'getEntry', 'entry', 'The tracked water seed', user(`/entries/${ids[0]}`), 200)
    await record(app, 'getEntry', 'validation_error', 'An id longer than 64 characters', user(`/entries/${'e'.repeat(65)}`), 400)
    await record(app, 'getEntry', 'not_found', 'An id that is not one of yours', user('/entries/5b0e2d8c-9f31-4c56-8a47-0d2f6e9b1c3a'), 404)
    await record(app, 'getDaySummary', 'day', 'The day of the three seeds, in the profile time zone', user('/summary?date=2024-06-01'), 200)
    await record(app, 'getDaySummary', 'validation_error', 'A date that is not a calendar date', user('/summary?date=2024-13-01'), 400)
    await record(app, 'getProfile', 'profile', 'The profile set by PUT /profile', user('/profile'), 200)
    await record(app, 'exportData', 'export', 'The profile and every entry as one JSON document', user('/export'), 200)
    await record(app, 'exportData', 'ndjson', 'The same with Accept: application/x-ndjson', { method: 'GET', url: '/export', headers: { ...alice, accept: 'application/x-ndjson' } }, 200)
    await record(app, 'deleteEntry', 'not_found', 'An id that is not one of yours', user('/entries/5b0e2d8c-9f31-4c56-8a47-0d2f6e9b1c3a', 'DELETE'), 404)
    await record(app, 'deleteEntry', 'deleted', 'The food seed deleted', user(`/entries/${ids[2]}`, 'DELETE'), 204)
    delete book.deleteEntry['204']
    await record(app, 'deleteProfile', 'erased', 'Alice and her two remaining entries erased', user('/profile', 'DELETE'), 200)
    for (const [op, url, method] of [['listEntries', '/entries'], ['getEntry', `/entries/${ids[0]}`], ['deleteEntry', `/entries/${ids[0]}`, 'DELETE'], ['getDaySummary', '/summary'], ['getProfile', '/profile'], ['putProfile', '/profile', 'PUT'], ['deleteProfile', '/profile', 'DELETE'], ['exportData', '/export']] as const) {
      const headers = method === 'PUT' ? { ...key, 'content-type': JSON_TYPE } : key
      await record(app, op, 'no_user', 'An API key without X-User-Id', { method: method ?? 'GET', url, headers, ...(method === 'PUT' ? { payload: {} } : {}) }, 401)
      await record(app, op, 'bad_user_id', 'An X-User-Id with a space', { method: method ?? 'GET', url, headers: { ...headers, 'x-user-id': 'alice smith' }, ...(method === 'PUT' ? { payload: {} } : {}) }, 400)
    }

    const carol = { ...key, 'x-user-id': 'carol' }
    const asCarol = (url: string, method: InjectOptions['method'] = 'GET', payload?: object): InjectOptions =>
      ({ method, url, headers: payload === undefined ? carol : { ...carol, 'content-type': JSON_TYPE }, ...(payload === undefined ? {} : { payload }) })
    const shake = (await record(app, 'createFood', 'label', 'A food from its label', asCarol('/foods', 'POST', SHAKE), 201)).json().id
    const chili = (await record(app, 'createFood', 'recipe', 'A recipe of 4 servings, read once by the meal reader', asCarol('/foods', 'POST', CHILI), 201)).json().id
    await record(app, 'createFood', 'validation_error', 'A negative nutrient value', asCarol('/foods', 'POST', { ...SHAKE, name: 'bar', per_serving: { kcal: 200, protein_g: -1 } }), 400)
    await record(app, 'createFood', 'name_taken', 'A name another food has as an alias, in other letter case', asCarol('/foods', 'POST', { ...SHAKE, name: 'Shake', aliases: [] }), 409)
    await record(app, 'createFood', 'recipe_unrecognized', 'A recipe that names no known food', asCarol('/foods', 'POST', { name: 'mystery stew', recipe: 'blorft and zzqx', servings: 2 }), 422)
    await record(app, 'adviseFood', 'user_foods', 'A meal naming a saved food and a saved recipe, sized by their servings', post('/food', { food: '2 servings of my protein shake and half a grandma\'s chili' }, carol), 200)
    await record(app, 'listFoods', 'page', 'Carol\'s foods, newest first', asCarol('/foods?limit=1'), 200)
    await record(app, 'listFoods', 'validation_error', 'A limit over 200', asCarol('/foods?limit=500'), 400)
    await record(app, 'getFood', 'food', 'The label food', asCarol(`/foods/${String(shake)}`), 200)
    await record(app, 'getFood', 'validation_error', 'An id longer than 36 characters', asCarol(`/foods/${'f'.repeat(37)}`), 400)
    await record(app, 'getFood', 'not_found', 'An id that is not one of yours', asCarol('/foods/5b0e2d8c-9f31-4c56-8a47-0d2f6e9b1c3a'), 404)
    await record(app, 'replaceFood', 'replaced', 'The label food with a new label; meals already logged keep the old values', asCarol(`/foods/${String(shake)}`, 'PUT', { ...SHAKE, per_serving: { kcal: 180, protein_g: 32 } }), 200)
    await record(app, 'replaceFood', 'validation_error', 'Both a label and a recipe', asCarol(`/foods/${String(shake)}`, 'PUT', { ...SHAKE, recipe: 'toast', servings: 2 }), 400)
    await record(app, 'replaceFood', 'not_found', 'An id that is not one of yours', asCarol('/foods/5b0e2d8c-9f31-4c56-8a47-0d2f6e9b1c3a', 'PUT', SHAKE), 404)
    await record(app, 'replaceFood', 'name_taken', 'The recipe renamed to the label food\'s alias', asCarol(`/foods/${String(chili)}`, 'PUT', { ...CHILI, name: 'SHAKE' }), 409)
    await record(app, 'replaceFood', 'recipe_unrecognized', 'A recipe that names no known food', asCarol(`/foods/${String(chili)}`, 'PUT', { ...CHILI, recipe: 'blorft' }), 422)
    await record(app, 'deleteFood', 'not_found', 'An id that is not one of yours', asCarol('/foods/5b0e2d8c-9f31-4c56-8a47-0d2f6e9b1c3a', 'DELETE'), 404)
    await record(app, 'deleteFood', 'validation_error', 'An id longer than 36 characters', asCarol(`/foods/${'f'.repeat(37)}`, 'DELETE'), 400)
    await record(app, 'deleteFood', 'deleted', 'The recipe deleted', asCarol(`/foods/${String(chili)}`, 'DELETE'), 204)
    delete book.deleteFood['204']
    for (const [op, url, method] of [['createFood', '/foods', 'POST'], ['listFoods', '/foods'], ['getFood', `/foods/${String(shake)}`], ['replaceFood', `/foods/${String(shake)}`, 'PUT'], ['deleteFood', `/foods/${String(shake)}`, 'DELETE']] as const) {
      const body = method === 'POST' || method === 'PUT' ? { payload: SHAKE } : {}
      const headers = body.payload === undefined ? key : { ...key, 'content-type': JSON_TYPE }
      await record(app, op, 'no_user', 'An API key without X-User-Id', { method: method ?? 'GET', url, headers, ...body }, 401)
      await record(app, op, 'bad_user_id', 'An X-User-Id with a space', { method: method ?? 'GET', url, headers: { ...headers, 'x-user-id': 'carol smith' }, ...body }, 400)
    }

    await record(app, 'searchFoods', 'banana', 'The first three rows for "banana"', { url: '/foods/search?q=banana&limit=3', headers: key }, 200)
    await record(app, 'searchFoods', 'validation_error', 'A limit over 50', { url: '/foods/search?q=banana&limit=51', headers: key }, 400)
    await record(app, 'searchFoods', 'missing_token', 'No Authorization header while API keys are configured', { url: '/foods/search?q=banana' }, 401)
    await record(app, 'searchActivities', 'running', 'The first three rows for "running"', { url: '/activities/search?q=running&limit=3', headers: key }, 200)
    await record(app, 'searchActivities', 'validation_error', 'No q', { url: '/activities/search?limit=3', headers: key }, 400)
    await record(app, 'searchActivities', 'missing_token', 'No Authorization header while API keys are configured', { url: '/activities/search?q=running' }, 401)

    await record(app, 'getHealth', 'healthy', 'Serving, local advisor, database up', { url: '/health' }, 200)
    await record(app, 'getReady', 'ready', 'Serving', { url: '/ready' }, 200)
    app.readiness.set('draining')
    await record(app, 'getReady', 'draining', 'Shutting down (SIGTERM received)', { url: '/ready' }, 503)
    // A fresh instance after one seed request: counters only, as the durations differ from run to run,
    // and the process and Node.js families (hundreds of lines) are left out.
    const fresh = await start({})
    await fresh.inject(post('/water', SEEDS.water))
    const metrics = await record(fresh, 'getMetrics', 'counters', 'The service\'s own counters after one POST /water (histograms, process and Node.js families left out)', { url: '/metrics' }, 200)
    const own = metrics.body.split('\n').filter((line) => /^(# (HELP|TYPE) )?(http_requests_total|advice_total|errors_total)\b/.test(line)).join('\n') + '\n'
    book.getMetrics['200']['text/plain'].counters.value = own

    const limited = await start({ RATE_LIMIT_MAX: '1' })
    // The one request of the window for alice and for the key without a user (each user a key
    // names counts apart); every request below is over the limit.
    await limited.inject({ url: '/profile', headers: alice })
    await limited.inject({ url: '/foods/search?q=banana', headers: key })
    const tracked = (url: string, method: InjectOptions['method'] = 'GET'): InjectOptions => ({ method, url, headers: alice })
    for (const [op, request] of [
      ['adviseWater', post('/water', SEEDS.water)], ['adviseGym', post('/gym', SEEDS.gym)], ['adviseFood', post('/food', SEEDS.food)],
      ['listEntries', tracked('/entries')], ['getEntry', tracked(`/entries/${ids[0]}`)], ['deleteEntry', tracked(`/entries/${ids[0]}`, 'DELETE')],
      ['getDaySummary', tracked('/summary')], ['getProfile', tracked('/profile')], ['putProfile', { ...tracked('/profile', 'PUT'), headers: { ...alice, 'content-type': JSON_TYPE }, payload: {} }],
      ['deleteProfile', tracked('/profile', 'DELETE')], ['exportData', tracked('/export')],
      ['searchFoods', { url: '/foods/search?q=banana', headers: key }], ['searchActivities', { url: '/activities/search?q=running', headers: key }],
      ...foodRequests(tracked)
    ] as const) {
      await record(limited, op, 'rate_limited', 'Over RATE_LIMIT_MAX (1 here) in the window', request, 429)
    }

    const upstream = await start({ GEMINI_API_KEY: 'example-gemini-key', GEMINI_BASE_URL: gemini.url, AI_FALLBACK: 'none', AI_MAX_RETRIES: '0', AI_TIMEOUT_MS: '1000', CACHE_MAX_ENTRIES: '0' })
    for (const { topic, op } of TOPICS) {
      gemini.setMode({ kind: 'status', status: 500 })
      await record(upstream, op, 'upstream_failed', 'Gemini answered 500 and AI_FALLBACK=none', post(`/${topic}`, SEEDS[topic]), 502)
      gemini.setMode({ kind: 'status', status: 429, retryDelay: '7s' })
      await record(upstream, op, 'upstream_rate_limited', 'Gemini answered 429 (retry in 7 s) and AI_FALLBACK=none', post(`/${topic}`, SEEDS[topic]), 503)
      gemini.setMode({ kind: 'hang' })
      await record(upstream, op, 'upstream_timeout', 'Gemini did not answer within AI_TIMEOUT_MS and AI_FALLBACK=none', post(`/${topic}`, SEEDS[topic]), 504)
    }

    // Port 1 on the loopback: nothing listens, so every query fails at once.
    const down = await start({ DATABASE_URL: 'postgres://health:secret@127.0.0.1:1/health' })
    for (const [op, request] of [
      ['listEntries', tracked('/entries')], ['getEntry', tracked(`/entries/${ids[0]}`)], ['deleteEntry', tracked(`/entries/${ids[0]}`, 'DELETE')],
      ['getDaySummary', tracked('/summary')], ['getProfile', tracked('/profile')], ['putProfile', { ...tracked('/profile', 'PUT'), headers: { ...alice, 'content-type': JSON_TYPE }, payload: {} }],
      ['deleteProfile', tracked('/profile', 'DELETE')], ['exportData', tracked('/export')],
      ...foodRequests(tracked)
    ] as const) {
      await record(down, op, 'database_down', 'The database is unreachable', request, 503)
    }
    return { examples: book, headers: seen }
  } finally {
    for (const app of apps) await app.close()
    await gemini.close()
    restore()
  }
}
