import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { FormatRegistry, type TSchema, TypeRegistry } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { Problem } from '../../schemas/common.js'
import { FoodAdvice } from '../../schemas/food.js'
import { GymAdvice } from '../../schemas/gym.js'
import { allSchemas } from '../../schemas/index.js'
import { DaySummary, EntryPage, Erased, Export, Profile, TrackedEntry } from '../../schemas/tracking.js'
import { WaterAdvice } from '../../schemas/water.js'
import { nutrients } from './tracking-nutrients.suite.js'

// The tracking routes' storage suite: run on SQLite by tracking.test.ts (npm test)
// and on PostgreSQL by test/system/routes/tracking.test.ts.

// The response schemas are checked with TypeBox's own checker. StringEnum is a
// Type.Unsafe (`{type: 'string', enum}`), and `date-time`, `uuid` and
// `uri-reference` are string formats, none of which TypeBox knows by default:
// all are registered here, for this process only. (TypeBox checks no format on
// integers, so OpenAPI's `int32` needs nothing.)
TypeRegistry.Set('Unsafe', (schema: { enum?: unknown[] }, value) => schema.enum === undefined || schema.enum.includes(value))
FormatRegistry.Set('date-time', (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)))
FormatRegistry.Set('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v))
FormatRegistry.Set('uri-reference', (v) => /^[^\s]*$/.test(v))

/** Asserts a value matches one of the app's named schemas (references resolved against every named schema). */
export function valid (t: Test, schema: TSchema, value: unknown, what: string): void {
  t.same([...Value.Errors(schema, allSchemas, value)].map((e) => `${e.path} ${e.message}`), [], `${what} matches ${String(schema.$id)}`)
}

/** Asserts an RFC 9457 problem with no stack trace or source path in it. */
export function problem (t: Test, res: LightMyRequestResponse, status: number, detail?: RegExp): Record<string, any> {
  t.equal(res.statusCode, status, `status ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.notMatch(res.body, /\n\s+at |node_modules|\.[tj]s:\d+|stack/i, 'no stack trace')
  const body = res.json()
  valid(t, Problem, body, 'problem')
  t.equal(body.status, status)
  if (detail !== undefined) t.match(body.detail, detail)
  return body
}

export type Fresh = (t: Test, env?: Record<string, string>) => Promise<FastifyInstance>

/** Requests as one user of one API key (no X-User-Id when user is undefined). */
export function as (app: FastifyInstance, user: string | undefined, key = 'k1') {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...(user === undefined ? {} : { 'x-user-id': user }), ...extra })
  return {
    post: async (url: string, payload: object, extra?: Record<string, string>) => await app.inject({ method: 'POST', url, payload, headers: headers(extra) }),
    put: async (url: string, payload: object) => await app.inject({ method: 'PUT', url, payload, headers: headers() }),
    get: async (url: string, extra?: Record<string, string>) => await app.inject({ method: 'GET', url, headers: headers(extra) }),
    del: async (url: string) => await app.inject({ method: 'DELETE', url, headers: headers() })
  }
}

// Every dated entry sits at a fixed instant, so no day depends on the wall clock.
const DAY = '2026-05-10'
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00Z`

// Hand-worked expectations (docs/api.md, docs/tracking.md and the cited reference rows):
// - water target without a weight: EFSA total water 2.25 L (midpoint of 2.0 and 2.5) × 80 % from drinks = 1.8 L;
// - with 80 kg: 35 mL/kg × 80 kg = 2.8 L × 80 % = 2.24 L;
// - running 30 min at 80 kg: Compendium 2024 row 12050 "Running, 6-6.3 mph (10 min/mile)", MET 9.3:
//   9.3 × 80 kg × 0.5 h = 372 kcal; extra water 0.5 h × 0.5 L/h (ACSM) = 0.25 L;
// - "100 g banana": FNDDS 63107010 "Banana, raw", 97 kcal per 100 g: 97 kcal.
const EFSA_TARGET = 1.8
const TARGET_80KG = 2.24
const RUN = { activity: 'running', duration_minutes: 30 }
const RUN_KCAL = 372
const BANANA = { food: '100 g banana' }
const BANANA_KCAL = 97

function logging (t: Test, fresh: Fresh): void {
  t.test('logging water, gym and food adds up the day', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'ann')
    const first = await u.post('/water', { amount_liters: 0.5, time: at('08:00') })
    t.equal(first.statusCode, 200)
    t.notOk(first.headers['idempotent-replayed'])
    valid(t, WaterAdvice, first.json(), 'first water answer')
    t.match(first.json(), { entry_id: String, facts: { intake_l: 0.5, today: { water_l: 0.5, entries: 1 } } })

    const second = await u.post('/water', { amount_liters: 0.7, time: at('09:00') })
    const water = second.json()
    valid(t, WaterAdvice, water, 'second water answer')
    t.equal(water.facts.intake_l, 1.2, 'intake is the day total, this drink included')
    t.equal(water.facts.target_l, EFSA_TARGET)
    t.equal(water.facts.remaining_l, 0.6)
    t.same(water.facts.today, { water_l: 1.2, water_target_l: EFSA_TARGET, kcal_in: 0, kcal_out: 0, entries: 2 })
    t.not(water.entry_id, first.json().entry_id)
    t.ok(water.message.split(/\s+/).length <= 25)

    const gym = (await u.post('/gym', { ...RUN, weight_kg: 80, time: at('10:00') })).json()
    valid(t, GymAdvice, gym, 'gym answer')
    t.match(gym.facts, { compendium_code: '12050', met: 9.3, weight_kg: 80, weight_assumed: false, kcal_burned: RUN_KCAL, water_extra_l: 0.25 })
    t.ok(gym.facts.sources.some((s: string) => s.startsWith('Compendium 2024 12050')), 'cites the Compendium row')
    t.same(gym.facts.today, { water_l: 1.2, water_target_l: EFSA_TARGET, kcal_in: 0, kcal_out: RUN_KCAL, entries: 3 })

    const food = (await u.post('/food', { ...BANANA, meal: 'snack', meal_time: at('11:00') })).json()
    valid(t, FoodAdvice, food, 'food answer')
    t.match(food.facts, { kcal: BANANA_KCAL, items: [{ source: 'FNDDS 63107010', grams: 100, kcal: BANANA_KCAL }] })
    t.same(food.facts.today, { water_l: 1.2, water_target_l: EFSA_TARGET, kcal_in: BANANA_KCAL, kcal_out: RUN_KCAL, entries: 4 })

    // Another day's entry leaves this day's totals alone.
    const other = (await u.post('/water', { amount_liters: 2, time: at('08:00', '2026-05-11') })).json()
    t.same(other.facts.today, { water_l: 2, water_target_l: EFSA_TARGET, kcal_in: 0, kcal_out: 0, entries: 1 })

    // Stateless (API key, no X-User-Id): the original meaning of amount_liters, nothing stored.
    const stateless = await u.post('/water', { amount_liters: 2.0, time: '2024-06-01T10:00:00' }, { 'x-user-id': '' })
    t.equal(stateless.statusCode, 400, 'an empty X-User-Id is not "no user"')
    const none = await as(app, undefined).post('/water', { amount_liters: 2.0, time: '2024-06-01T10:00:00' })
    t.equal(none.statusCode, 200)
    valid(t, WaterAdvice, none.json(), 'stateless answer')
    t.equal(none.json().facts.intake_l, 2)
    t.notOk('entry_id' in none.json(), 'no entry_id')
    t.notOk('today' in none.json().facts, 'no facts.today')
    t.equal((await u.get('/entries')).json().items.length, 5, 'the stateless request stored nothing')
  })

  // An entry is dated by its time field; /food's documented time field is meal_time (docs/api.md).
  t.test('a meal is dated by its meal_time', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'meg')
    const food = (await u.post('/food', { ...BANANA, meal_time: at('11:00') })).json()
    t.equal((await u.get(`/entries/${food.entry_id}`)).json().time, '2026-05-10T11:00:00.000Z')
    t.match((await u.get(`/summary?date=${DAY}`)).json(), { kcal_in: BANANA_KCAL, entries: 1 })
  })

  // facts.today is "the day's totals" (§8), so its water_target_l should be the
  // one /summary reports for the day. Hand-worked: 1.8 L EFSA + 1 h × 0.5 L/h (ACSM) = 2.3 L.
  t.test("a gym or food entry's today.water_target_l is the day's target", async (t) => {
    const app = await fresh(t)
    const u = as(app, 'ned')
    const water = (await u.post('/water', { amount_liters: 0.5, exercise_duration: 60, time: at('08:00') })).json()
    t.equal(water.facts.today.water_target_l, 2.3)
    t.equal((await u.get(`/summary?date=${DAY}`)).json().water_target_l, 2.3)
    const gym = (await u.post('/gym', { ...RUN, time: at('09:00') })).json()
    t.equal(gym.facts.today.water_target_l, 2.3)
  })

  t.test('the profile weight and water target feed the facts', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'bo')
    t.equal((await u.put('/profile', { weight_kg: 80 })).statusCode, 200)
    const gym = (await u.post('/gym', { ...RUN, time: at('07:00') })).json()
    t.match(gym.facts, { weight_kg: 80, weight_assumed: false, kcal_burned: RUN_KCAL })
    const water = (await u.post('/water', { amount_liters: 0.5, time: at('08:00') })).json()
    t.equal(water.facts.target_l, TARGET_80KG, '35 mL/kg × 80 kg × 0.8')
    t.same(water.facts.today, { water_l: 0.5, water_target_l: TARGET_80KG, kcal_in: 0, kcal_out: RUN_KCAL, entries: 2 })
    const own = (await u.post('/gym', { ...RUN, weight_kg: 60, time: at('09:00') })).json()
    t.match(own.facts, { weight_kg: 60, weight_assumed: false, kcal_burned: 279 }, "the entry's own weight wins: 9.3 × 60 × 0.5 = 279")

    await u.put('/profile', { water_target_l: 3 })
    const over = (await u.post('/water', { amount_liters: 0.5, time: at('10:00') })).json()
    t.equal(over.facts.target_l, 3)
    t.equal(over.facts.intake_l, 1)
    t.equal(over.facts.remaining_l, 2)
    t.match(over.facts.basis, /water_target_l/)
    t.equal(over.facts.today.water_target_l, 3)
    const gymNow = (await u.post('/gym', { ...RUN, time: at('11:00') })).json()
    t.match(gymNow.facts, { weight_kg: 70, weight_assumed: true }, 'PUT replaced the profile: weight unset, EFSA 70 kg assumed')
    t.equal(gymNow.facts.today.water_target_l, 3)
  })
}

function idempotency (t: Test, fresh: Fresh): void {
  t.test('Idempotency-Key: replay, conflict, per-user scope', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'cy')
    const body = { amount_liters: 0.5, time: at('08:00') }
    const first = await u.post('/water', body, { 'idempotency-key': 'req-1' })
    t.equal(first.statusCode, 200)
    t.notOk(first.headers['idempotent-replayed'])
    const retry = await u.post('/water', { time: body.time, amount_liters: 0.5 }, { 'idempotency-key': 'req-1' })
    t.equal(retry.statusCode, 200)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.same(retry.json(), first.json(), 'the first answer, field order in the body notwithstanding')
    const page = (await u.get('/entries')).json()
    t.same(page.items.map((e: { id: string }) => e.id), [first.json().entry_id], 'one entry')

    problem(t, await u.post('/water', { ...body, amount_liters: 0.6 }, { 'idempotency-key': 'req-1' }), 409, /different request body/)
    t.equal((await u.get('/entries')).json().items.length, 1)

    const other = await as(app, 'dee').post('/water', body, { 'idempotency-key': 'req-1' })
    t.equal(other.statusCode, 200)
    t.notOk(other.headers['idempotent-replayed'], "another user's key is independent")
    t.not(other.json().entry_id, first.json().entry_id)
    t.equal(other.json().facts.today.entries, 1)
    const otherKey = await as(app, 'cy', 'k2').post('/water', body, { 'idempotency-key': 'req-1' })
    t.equal(otherKey.statusCode, 200)
    t.notOk(otherKey.headers['idempotent-replayed'], 'the same X-User-Id under another key is another user')
  })

  t.test('ten concurrent requests with one key make one entry', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'eve')
    const body = { amount_liters: 0.5, time: at('08:00') }
    const replies = await Promise.all(Array.from({ length: 10 }, async () => await u.post('/water', body, { 'idempotency-key': 'burst' })))
    const ok = replies.filter((r) => r.statusCode === 200)
    const conflicts = replies.filter((r) => r.statusCode === 409)
    t.equal(ok.length + conflicts.length, 10, 'each is a 200 or a 409')
    t.ok(ok.length >= 1)
    t.equal(new Set(ok.map((r) => r.json().entry_id)).size, 1, 'every 200 carries the one entry')
    for (const r of conflicts) problem(t, r, 409)
    const page = (await u.get('/entries')).json()
    t.same(page.items.map((e: { id: string }) => e.id), [ok[0].json().entry_id])
    const after = await u.post('/water', body, { 'idempotency-key': 'burst' })
    t.equal(after.headers['idempotent-replayed'], 'true')
    t.equal(after.json().entry_id, ok[0].json().entry_id)
  })

  t.test('a hundred concurrent logs of one user add up exactly', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'fay')
    // 0.25 L is exact in binary, so 100 × 0.25 = 25 L exactly; one entry a minute from 00:00.
    const time = (i: number) => at(`${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, '2026-05-11')
    const replies = await Promise.all(Array.from({ length: 100 }, async (_, i) => await u.post('/water', { amount_liters: 0.25, time: time(i) })))
    t.same(replies.filter((r) => r.statusCode !== 200).map((r) => r.body), [])
    const summary = (await u.get('/summary?date=2026-05-11')).json()
    t.equal(summary.water_l, 25)
    t.equal(summary.entries, 100)
    t.equal(summary.items.length, 100)
    const page = (await u.get('/entries?limit=200')).json()
    t.equal(new Set(page.items.map((e: { id: string }) => e.id)).size, 100)
    t.equal(page.next_cursor, null)
  })
}

function resources (t: Test, fresh: Fresh): void {
  t.test('GET /entries: order, cursor pages, filters, bad queries', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'gus')
    const ids: Record<string, string> = {}
    for (const [name, url, body] of [
      ['w1', '/water', { amount_liters: 0.5, time: at('08:00') }],
      ['g1', '/gym', { ...RUN, time: at('09:00') }],
      ['f1', '/food', { ...BANANA, meal_time: at('10:00') }],
      ['w2', '/water', { amount_liters: 0.5, time: at('12:00') }],
      ['w3', '/water', { amount_liters: 0.25, time: at('12:00') }]
    ] as const) ids[name] = (await u.post(url, body)).json().entry_id
    const names = (items: Array<{ id: string }>) => items.map((e) => Object.keys(ids).find((k) => ids[k] === e.id))

    const pages: string[][] = []
    let cursor: string | null = null
    do {
      const res: LightMyRequestResponse = await u.get(`/entries?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`)
      t.equal(res.statusCode, 200)
      valid(t, EntryPage, res.json(), 'a page')
      pages.push(names(res.json().items) as string[])
      cursor = res.json().next_cursor
    } while (cursor !== null && pages.length < 10)
    t.same(pages, [['w3', 'w2'], ['f1', 'g1'], ['w1']], 'newest first, a tie in creation order newest first, 2-2-1')

    const one = (await u.get('/entries?limit=1&topic=gym')).json()
    t.same(names(one.items), ['g1'])
    t.equal(one.next_cursor, null)
    const water = (await u.get('/entries?topic=water&limit=2')).json()
    t.same(names(water.items), ['w3', 'w2'])
    t.same(names((await u.get(`/entries?topic=water&limit=2&cursor=${water.next_cursor}`)).json().items), ['w1'], 'the cursor keeps the filter')
    t.same(names((await u.get(`/entries?from=${at('10:00')}&to=${at('12:00')}`)).json().items), ['f1'], 'from inclusive, to exclusive')
    t.same(names((await u.get(`/entries?from=${DAY}T12:00:00`)).json().items), ['w3', 'w2'], 'no offset: profile zone (UTC)')
    t.same(names((await u.get(`/entries?to=${DAY}T09:00:00%2B00:00`)).json().items), ['w1'])

    problem(t, await u.get('/entries?cursor=nope'), 400, /cursor/)
    problem(t, await u.get(`/entries?cursor=${Buffer.from('{"t":1}').toString('base64url')}`), 400, /cursor/)
    for (const limit of ['0', '201', 'abc', '-1', '1.5']) {
      const body = problem(t, await u.get(`/entries?limit=${limit}`), 400)
      t.match(body.errors, [{ field: 'limit' }], `limit=${limit}`)
    }
    t.equal((await u.get('/entries?limit=200')).statusCode, 200)
    problem(t, await u.get('/entries?topic=sleep'), 400, /topic/)
    problem(t, await u.get('/entries?from=yesterday'), 400, /from/)
    problem(t, await u.get('/entries?page=2'), 400, /page/)
  })

  t.test('one entry: GET, DELETE, and the totals follow', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'hal')
    const water = (await u.post('/water', { amount_liters: 0.5, time: at('08:00') })).json()
    const gym = (await u.post('/gym', { ...RUN, weight_kg: 80, time: at('09:00') })).json()
    const res = await u.get(`/entries/${gym.entry_id}`)
    t.equal(res.statusCode, 200)
    const entry = res.json()
    valid(t, TrackedEntry, entry, 'entry')
    t.match(entry, { id: gym.entry_id, topic: 'gym', time: '2026-05-10T09:00:00.000Z', body: { ...RUN, weight_kg: 80, time: at('09:00') }, facts: { kcal_burned: RUN_KCAL } })
    t.ok(Date.parse(entry.created_at) > 0)

    let day = (await u.get(`/summary?date=${DAY}`)).json()
    t.match(day, { water_l: 0.5, kcal_out: RUN_KCAL, entries: 2 })
    const deleted = await u.del(`/entries/${gym.entry_id}`)
    t.equal(deleted.statusCode, 204)
    t.equal(deleted.body, '')
    day = (await u.get(`/summary?date=${DAY}`)).json()
    t.match(day, { water_l: 0.5, kcal_out: 0, entries: 1 })
    t.same(day.items.map((e: { id: string }) => e.id), [water.entry_id])
    problem(t, await u.del(`/entries/${gym.entry_id}`), 404, /no such entry/)
    problem(t, await u.get(`/entries/${gym.entry_id}`), 404)
    problem(t, await u.get('/entries/not-an-id'), 404)
    problem(t, await u.get(`/entries/${'x'.repeat(65)}`), 400)
    const next = (await u.post('/water', { amount_liters: 0.25, time: at('10:00') })).json()
    t.equal(next.facts.today.entries, 2, 'a new entry counts from the remaining ones')
    t.equal(next.facts.today.kcal_out, 0)
  })

  t.test('GET /summary: a past date, today, bad dates', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'ida')
    await u.put('/profile', { kcal_goal: 2000 })
    await u.post('/water', { amount_liters: 0.5, time: at('08:00') })
    await u.post('/gym', { ...RUN, weight_kg: 80, time: at('09:00') })
    await u.post('/food', { ...BANANA, meal_time: at('10:00') })
    await u.post('/water', { amount_liters: 0.7, time: at('23:59') })
    const res = await u.get(`/summary?date=${DAY}`)
    t.equal(res.statusCode, 200)
    const day = res.json()
    valid(t, DaySummary, day, 'summary')
    t.match(day, { date: DAY, timezone: 'UTC', water_l: 1.2, water_target_l: EFSA_TARGET, kcal_in: BANANA_KCAL, kcal_out: RUN_KCAL, kcal_goal: 2000, entries: 4, source: 'local', degraded: false })
    t.same(day.items.map((e: { topic: string }) => e.topic), ['water', 'gym', 'food', 'water'], 'oldest first')
    t.match(day.items[1].facts, { kcal_burned: RUN_KCAL })
    t.match(day.items[2].facts, { kcal: BANANA_KCAL })
    t.ok(day.message.trim().split(/\s+/).length <= 25, 'message ≤ 25 words')
    t.match((await u.get('/summary?date=2026-05-09')).json(), { date: '2026-05-09', water_l: 0, kcal_in: 0, kcal_out: 0, entries: 0, items: [] })

    // Today: an entry without `time` is now; the day is read before and after so midnight cannot split the test.
    const before = new Date().toISOString().slice(0, 10)
    await u.post('/water', { amount_liters: 0.25 })
    const today = (await u.get('/summary')).json()
    const after = new Date().toISOString().slice(0, 10)
    t.ok([before, after].includes(today.date), 'default date is today in UTC')
    if (before === after) t.match(today, { water_l: 0.25, entries: 1, source: 'local', degraded: false })

    const unreal = problem(t, await u.get('/summary?date=2026-02-30'), 400, /^Invalid request query: date must be a real calendar date/)
    t.same(unreal.errors, [{ field: 'date', message: 'must be a real calendar date, e.g. 2024-06-01' }])
    problem(t, await u.get('/summary?date=10-05-2026'), 400, /date/)
  })

  t.test('PUT /profile replaces; bad time zones are 400s', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'jo')
    const defaults = { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }
    t.same((await u.get('/profile')).json(), defaults, 'an unknown user has the defaults')
    const full = { weight_kg: 80, timezone: 'Europe/Paris', water_target_l: 3, kcal_goal: 2200, fiber_g_goal: 30, sodium_mg_limit: 1500, sugars_g_limit: 60 }
    const put = await u.put('/profile', full)
    t.equal(put.statusCode, 200)
    valid(t, Profile, put.json(), 'profile')
    t.same(put.json(), full)
    t.same((await u.get('/profile')).json(), full)
    t.same((await u.put('/profile', { kcal_goal: 1800 })).json(), { ...defaults, kcal_goal: 1800 }, 'omitted fields become null, the zone UTC')
    t.same((await u.get('/profile')).json(), { ...defaults, kcal_goal: 1800 })
    t.same((await u.put('/profile', { weight_kg: null, timezone: 'Asia/Kolkata' })).json(), { ...defaults, timezone: 'Asia/Kolkata' })

    problem(t, await u.put('/profile', { timezone: 'Mars/Olympus_Mons' }), 400, /timezone/)
    t.match(problem(t, await u.put('/profile', { timezone: 'Europe Paris' }), 400).errors, [{ field: 'timezone' }])
    t.match(problem(t, await u.put('/profile', { weight_kg: 10 }), 400).errors, [{ field: 'weight_kg' }])
    t.match(problem(t, await u.put('/profile', { height_cm: 180 }), 400).errors, [{ field: 'height_cm' }])
    t.same((await u.get('/profile')).json(), { ...defaults, timezone: 'Asia/Kolkata' }, 'a rejected PUT changed nothing')
  })

  t.test('GET /export as JSON and NDJSON; DELETE /profile erases everything', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'kim')
    const profile = { weight_kg: 72.5, timezone: 'Europe/Berlin', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }
    await u.put('/profile', profile)
    const ids: string[] = []
    ids.push((await u.post('/water', { amount_liters: 0.5, time: at('12:00') })).json().entry_id)
    ids.push((await u.post('/food', { ...BANANA, meal_time: at('08:00') })).json().entry_id)
    ids.push((await u.post('/gym', { ...RUN, time: at('10:00') }, { 'idempotency-key': 'once' })).json().entry_id)

    const json = await u.get('/export')
    t.equal(json.statusCode, 200)
    t.match(json.headers['content-type'], /^application\/json/)
    valid(t, Export, json.json(), 'export')
    t.same(json.json().profile, profile)
    t.same(json.json().entries.map((e: { id: string }) => e.id), ids, 'oldest first by creation')
    t.match(json.json().entries[2], { topic: 'gym', body: RUN, facts: { weight_kg: 72.5, weight_assumed: false } })

    const nd = await u.get('/export', { accept: 'application/x-ndjson' })
    t.equal(nd.statusCode, 200)
    t.match(nd.headers['content-type'], /^application\/x-ndjson/)
    t.ok(nd.body.endsWith('\n'))
    const lines = nd.body.trimEnd().split('\n').map((l) => JSON.parse(l))
    t.equal(lines.length, 1 + ids.length, 'a profile line, then one line per entry')
    t.same(lines[0], { profile })
    t.same(lines.slice(1).map((e) => e.id), ids)
    for (const line of lines.slice(1)) valid(t, TrackedEntry, line, 'an NDJSON line')
    t.same(lines.slice(1), json.json().entries, 'the same entries both ways')

    const erased = await u.del('/profile')
    t.equal(erased.statusCode, 200)
    t.same(erased.json(), { deleted_entries: 3 })
    valid(t, Erased, erased.json(), 'erase answer')
    t.same((await u.get('/entries')).json(), { items: [], next_cursor: null })
    t.same((await u.get('/profile')).json(), { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null })
    t.match((await u.get(`/summary?date=${DAY}`)).json(), { entries: 0, items: [] })
    t.same((await u.get('/export')).json().entries, [])
    t.equal((await u.get('/export', { accept: 'application/x-ndjson' })).body.trimEnd().split('\n').length, 1)
    problem(t, await u.get(`/entries/${ids[0]}`), 404)
    const reused = await u.post('/water', { amount_liters: 1, time: at('13:00') }, { 'idempotency-key': 'once' })
    t.equal(reused.statusCode, 200, 'the Idempotency-Key records went too: the key is new again')
    t.notOk(reused.headers['idempotent-replayed'])
    t.same((await u.del('/profile')).json(), { deleted_entries: 1 })
  })
}

function timeZones (t: Test, fresh: Fresh): void {
  t.test('Pacific/Auckland: local times and instants land on the right day', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'lee')
    await u.put('/profile', { timezone: 'Pacific/Auckland' })
    // June is NZ winter: NZST, UTC+12. 2026-06-01T23:30 local = 2026-06-01T11:30Z.
    const local = (await u.post('/water', { amount_liters: 0.5, time: '2026-06-01T23:30:00' })).json()
    // 2026-06-01T12:30Z = 2026-06-02T00:30 NZST.
    const utc = (await u.post('/water', { amount_liters: 0.25, time: '2026-06-01T12:30:00Z' })).json()
    t.equal(local.facts.today.water_l, 0.5)
    t.equal(utc.facts.today.water_l, 0.25, 'a day of its own')
    t.equal((await u.get(`/entries/${local.entry_id}`)).json().time, '2026-06-01T11:30:00.000Z')
    const d1 = (await u.get('/summary?date=2026-06-01')).json()
    const d2 = (await u.get('/summary?date=2026-06-02')).json()
    t.match(d1, { timezone: 'Pacific/Auckland', entries: 1, water_l: 0.5 })
    t.same(d1.items.map((e: { id: string }) => e.id), [local.entry_id])
    t.match(d2, { entries: 1, water_l: 0.25 })
    t.same(d2.items.map((e: { id: string }) => e.id), [utc.entry_id])
    // from/to without an offset are Auckland wall time: 2026-06-02T00:00 NZST = 2026-06-01T12:00Z.
    t.same((await u.get('/entries?from=2026-06-02T00:00:00')).json().items.map((e: { id: string }) => e.id), [utc.entry_id])
    t.same((await u.get('/entries?to=2026-06-02T00:00:00')).json().items.map((e: { id: string }) => e.id), [local.entry_id])
    // Days are reckoned in the current zone, past entries included: in UTC both are on 06-01.
    await u.put('/profile', { timezone: 'UTC' })
    t.match((await u.get('/summary?date=2026-06-01')).json(), { entries: 2, water_l: 0.75 })
  })

  t.test('America/Los_Angeles: the 23-hour DST day 2026-03-08', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'max')
    await u.put('/profile', { timezone: 'America/Los_Angeles' })
    // Clocks go 02:00 PST → 03:00 PDT on Sunday 2026-03-08, so the local day is
    // [03-08T08:00Z, 03-09T07:00Z): 23 hours.
    const early = (await u.post('/water', { amount_liters: 0.5, time: '2026-03-08T00:30:00' })).json() // PST: 08:30Z
    const late = (await u.post('/water', { amount_liters: 0.25, time: '2026-03-08T23:30:00' })).json() // PDT: 03-09T06:30Z
    const dayBefore = (await u.post('/water', { amount_liters: 1, time: '2026-03-07T23:30:00' })).json() // PST: 03-08T07:30Z
    const dayAfter = (await u.post('/water', { amount_liters: 2, time: '2026-03-09T00:30:00' })).json() // PDT: 03-09T07:30Z
    t.equal((await u.get(`/entries/${early.entry_id}`)).json().time, '2026-03-08T08:30:00.000Z')
    t.equal((await u.get(`/entries/${late.entry_id}`)).json().time, '2026-03-09T06:30:00.000Z')
    t.equal(late.facts.today.water_l, 0.75, 'the late entry joins the early one')
    const day = (await u.get('/summary?date=2026-03-08')).json()
    t.match(day, { date: '2026-03-08', timezone: 'America/Los_Angeles', entries: 2, water_l: 0.75 })
    t.same(day.items.map((e: { id: string }) => e.id), [early.entry_id, late.entry_id])
    t.match((await u.get('/summary?date=2026-03-07')).json(), { entries: 1, items: [{ id: dayBefore.entry_id }] })
    t.match((await u.get('/summary?date=2026-03-09')).json(), { entries: 1, items: [{ id: dayAfter.entry_id }] })
  })
}

/** Every storage-touching test, on one backend. */
export function storage (t: Test, fresh: Fresh): void {
  logging(t, fresh)
  idempotency(t, fresh)
  resources(t, fresh)
  timeZones(t, fresh)
  nutrients(t, fresh)
}
