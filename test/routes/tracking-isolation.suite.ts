import { createHash } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'

// The isolation suite, run on SQLite by tracking-isolation.test.ts (npm test) and
// on PostgreSQL by test/system/routes/tracking-isolation.test.ts.

// Users are (API key, X-User-Id) pairs: the same X-User-Id under another key is
// another user. `spoof@keyA` sends, under keyA, an X-User-Id spelling keyB's
// alice the way a naive `key:<key id>:<user>` identity would (key id = the first
// 16 hex digits of SHA-256 of the key, computed here independently): it must
// still be a user of its own.
const keyBId = createHash('sha256').update('keyB').digest('hex').slice(0, 16)
const USERS = {
  'alice@keyA': { key: 'keyA', id: 'alice' },
  'bob@keyA': { key: 'keyA', id: 'bob' },
  'alice@keyB': { key: 'keyB', id: 'alice' },
  'spoof@keyA': { key: 'keyA', id: `key:${keyBId}:alice` }
} as const
type User = keyof typeof USERS
const VICTIMS: User[] = ['alice@keyA', 'bob@keyA', 'alice@keyB']
const ATTACKERS = Object.keys(USERS) as User[]

const DAY = '2026-05-10'
const TOPICS = ['water', 'gym', 'food'] as const
type Topic = typeof TOPICS[number]

// Each victim's day, chosen so no two users share a total. Worked by hand:
// running, Compendium 2024 12050, MET 9.3 at 80 kg: 9.3 × 80 × (min / 60);
// banana, FNDDS 63107010, 97 kcal per 100 g.
const SEED: Record<User, { water: number, minutes: number, grams: number, timezone: string } | undefined> = {
  'alice@keyA': { water: 0.5, minutes: 10, grams: 100, timezone: 'Europe/Paris' }, //   124 kcal out,  97 in
  'bob@keyA': { water: 1.25, minutes: 20, grams: 200, timezone: 'Asia/Tokyo' }, //       248 kcal out, 194 in
  'alice@keyB': { water: 2.5, minutes: 40, grams: 300, timezone: 'America/Denver' }, //  496 kcal out, 291 in
  'spoof@keyA': undefined
}
const TOTALS: Record<User, { water_l: number, kcal_out: number, kcal_in: number, entries: number }> = {
  'alice@keyA': { water_l: 0.5, kcal_out: 124, kcal_in: 97, entries: 3 },
  'bob@keyA': { water_l: 1.25, kcal_out: 248, kcal_in: 194, entries: 3 },
  'alice@keyB': { water_l: 2.5, kcal_out: 496, kcal_in: 291, entries: 3 },
  'spoof@keyA': { water_l: 0, kcal_out: 0, kcal_in: 0, entries: 0 }
}

/** Requests as one user. */
function as (app: FastifyInstance, user: User) {
  const { key, id } = USERS[user]
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, 'x-user-id': id, ...extra })
  return {
    post: async (url: string, payload: object, extra?: Record<string, string>) => await app.inject({ method: 'POST', url, payload, headers: headers(extra) }),
    get: async (url: string, extra?: Record<string, string>) => await app.inject({ method: 'GET', url, headers: headers(extra) }),
    del: async (url: string) => await app.inject({ method: 'DELETE', url, headers: headers() })
  }
}

const waterBody = (user: User) => ({ amount_liters: SEED[user]?.water, time: `${DAY}T08:00:00Z` })

/** Logs a victim's three entries (the water one under Idempotency-Key `shared-key`) and profile; returns the ids by topic. */
async function seed (app: FastifyInstance, user: User): Promise<Record<Topic, string>> {
  const s = SEED[user]
  if (s === undefined) throw new Error(`${user} is not a victim`)
  const u = as(app, user)
  const put = await app.inject({ method: 'PUT', url: '/profile', payload: { weight_kg: 80, timezone: s.timezone }, headers: { authorization: `Bearer ${USERS[user].key}`, 'x-user-id': USERS[user].id } })
  if (put.statusCode !== 200) throw new Error(`PUT /profile answered ${put.statusCode}`)
  // Instants at UTC noon-ish fall on DAY in every zone used (UTC−7 to UTC+9).
  const replies = [
    await u.post('/water', waterBody(user), { 'idempotency-key': 'shared-key' }),
    await u.post('/gym', { activity: 'running', duration_minutes: s.minutes, time: `${DAY}T09:00:00Z` }),
    await u.post('/food', { food: `${s.grams} g banana`, meal_time: `${DAY}T10:00:00Z` })
  ]
  for (const r of replies) if (r.statusCode !== 200) throw new Error(`seeding ${user} answered ${r.statusCode}: ${r.body}`)
  const [water, gym, food] = replies.map((r) => r.json().entry_id as string)
  return { water, gym, food }
}

/** Every entry id a user can list under one query, following next_cursor one item at a time. */
async function listAll (t: Test, app: FastifyInstance, user: User, query: string, cursor?: string): Promise<string[]> {
  const ids: string[] = []
  let next: string | null = cursor ?? null
  for (let page = 0; page < 50; page++) {
    const res: LightMyRequestResponse = await as(app, user).get(`/entries?limit=1${query}${next === null ? '' : `&cursor=${next}`}`)
    t.equal(res.statusCode, 200)
    ids.push(...res.json().items.map((e: { id: string }) => e.id))
    next = res.json().next_cursor
    if (next === null) return ids
  }
  throw new Error('GET /entries never reached its last page')
}

function notFound (t: Test, res: LightMyRequestResponse, what: string): void {
  t.equal(res.statusCode, 404, what)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { status: 404, detail: 'no such entry' })
}

const FILTERS = ['', '&topic=water', '&topic=gym', '&topic=food', `&from=${DAY}T00:00:00Z&to=2026-05-11T00:00:00Z`, '&from=2000-01-01T00:00:00']

export async function isolation (t: Test, app: FastifyInstance): Promise<void> {
  const ids = {} as Record<User, Record<Topic, string>>
  for (const v of VICTIMS) ids[v] = await seed(app, v)
  const all = (user: User) => Object.values(ids[user] ?? {})

  // The table: every attacker × every other user's entry.
  const rows = ATTACKERS.flatMap((attacker) => VICTIMS.filter((v) => v !== attacker).flatMap((victim) => TOPICS.map((topic) => ({ attacker, victim, topic }))))
  t.equal(rows.length, 27, '3 attackers × 2 victims × 3 entries + the spoofer × 3 victims × 3 entries')
  for (const { attacker, victim, topic } of rows) {
    const id = ids[victim][topic]
    const name = `${attacker} → ${victim}'s ${topic}`
    notFound(t, await as(app, attacker).get(`/entries/${id}`), `GET ${name}`)
    notFound(t, await as(app, attacker).del(`/entries/${id}`), `DELETE ${name}`)
    t.equal((await as(app, victim).get(`/entries/${id}`)).statusCode, 200, `${name} still exists for its owner`)
  }

  const pairs = ATTACKERS.flatMap((attacker) => VICTIMS.filter((v) => v !== attacker).map((victim) => ({ attacker, victim })))
  t.equal(pairs.length, 9)
  for (const { attacker, victim } of pairs) {
    const a = as(app, attacker)
    const theirs = all(victim)
    for (const filter of FILTERS) {
      const listed = await listAll(t, app, attacker, filter)
      t.same(listed.filter((id) => theirs.includes(id)), [], `${attacker} lists none of ${victim}'s entries (${filter || 'no filter'})`)
    }
    // A cursor taken from the victim's listing only positions the attacker's own list.
    const victimPage = (await as(app, victim).get('/entries?limit=1')).json()
    const withStolen = await listAll(t, app, attacker, '', victimPage.next_cursor)
    t.same(withStolen.filter((id) => theirs.includes(id)), [], `${attacker} with ${victim}'s cursor`)

    const exported = await a.get('/export')
    const ndjson = await a.get('/export', { accept: 'application/x-ndjson' })
    for (const id of theirs) {
      t.notOk(exported.body.includes(id), `${attacker}'s export lacks ${victim}'s ${id}`)
      t.notOk(ndjson.body.includes(id), `${attacker}'s NDJSON export lacks ${victim}'s ${id}`)
    }
    t.same(exported.json().entries.map((e: { id: string }) => e.id), all(attacker), `${attacker} exports exactly their own entries`)
    t.equal(exported.json().profile.timezone, SEED[attacker]?.timezone ?? 'UTC', `${attacker} sees their own profile`)
    t.equal((await a.get('/profile')).json().timezone, SEED[attacker]?.timezone ?? 'UTC')

    const day = (await a.get(`/summary?date=${DAY}`)).json()
    t.match(day, TOTALS[attacker], `${attacker}'s ${DAY} holds their own totals only`)
    t.same(day.items.filter((e: { id: string }) => theirs.includes(e.id)), [])
  }

  // Idempotency-Key: the same key string is each user's own. Seeded users used
  // `shared-key` for their own water, so another user's body under it is their
  // own conflict (409), never the victim's answer; the spoofer's first use is new.
  const used: Partial<Record<User, number | undefined>> = Object.fromEntries(VICTIMS.map((v) => [v, SEED[v]?.water]))
  for (const { attacker, victim } of pairs) {
    const mine = await as(app, attacker).post('/water', waterBody(victim), { 'idempotency-key': 'shared-key' })
    t.notOk(mine.body.includes(ids[victim].water), `${attacker} reusing ${victim}'s key never sees ${victim}'s entry`)
    if (used[attacker] === undefined) {
      t.equal(mine.statusCode, 200, `${attacker}'s first use of the key is new`)
      t.notOk(mine.headers['idempotent-replayed'])
      t.equal(mine.json().facts.today.entries, 1, 'counted in the attacker\'s own day')
      used[attacker] = SEED[victim]?.water
    } else {
      t.equal(mine.statusCode, 409, `${attacker}'s own key with another body`)
      t.match(mine.headers['content-type'], /^application\/problem\+json/)
    }
    const again = await as(app, victim).post('/water', waterBody(victim), { 'idempotency-key': 'shared-key' })
    t.equal(again.headers['idempotent-replayed'], 'true')
    t.equal(again.json().entry_id, ids[victim].water, `${victim}'s key still replays their own entry`)
  }

  // Erasing oneself leaves everyone else as they were.
  for (const attacker of ATTACKERS) {
    const before = await Promise.all(VICTIMS.filter((v) => v !== attacker).map(async (v) => ({ v, body: (await as(app, v).get('/export')).json() })))
    const erased = await as(app, attacker).del('/profile')
    t.equal(erased.statusCode, 200)
    t.same((await as(app, attacker).get('/entries')).json(), { items: [], next_cursor: null })
    for (const { v, body } of before) {
      const now = (await as(app, v).get('/export')).json()
      t.same(now.entries, body.entries, `${attacker} erasing themselves left ${v}'s entries`)
      t.same(now.profile, body.profile, `… and ${v}'s profile`)
    }
  }
}
