import { readFileSync } from 'node:fs'
import t, { type Test } from 'tap'
import { createAdvisor } from '../../src/advice/advisor.js'
import { AdviceUnavailableError, ProviderError } from '../../src/advice/upstream/errors.js'
import { createLocalProvider } from '../../src/advice/upstream/providers/local.js'
import type { EntryOf } from '../../src/advice/types.js'
import { openDatabase } from '../../src/tracking/database.js'
import { TrackingError, type IdempotencyCode, type TrackingErrorKind } from '../../src/tracking/errors.js'
import { migrate } from '../../src/tracking/migrations.js'
import { createStore, type StoredProfile } from '../../src/tracking/store.js'
import { requestHash } from '../../src/tracking/records.js'
import { createTracker } from '../../src/tracking/tracker.js'

/** The clock: 2026-06-01T12:00:00Z. */
const NOW = Date.parse('2026-06-01T12:00:00Z')
const AKL = 'Pacific/Auckland'

/** A tracker on an in-memory SQLite store and the local advisor (or one whose upstream always fails, with no fallback). */
async function setup (t: Test, options: { failingAdvice?: boolean } = {}) {
  const database = await openDatabase({ url: 'sqlite::memory:', poolMax: 1, statementTimeoutMs: 2000 })
  t.teardown(database.close)
  await migrate(database.db, database.dialect)
  const store = createStore(database)
  const upstreamCalls = { n: 0 }
  const advisor = createAdvisor({
    local: createLocalProvider(),
    chain: options.failingAdvice === true
      ? [{
          name: 'gemini',
          state: () => 'available',
          words: async () => {
            upstreamCalls.n++
            throw new ProviderError('server_error', 'upstream answered 500', { status: 500 })
          }
        }]
      : [],
    fallback: options.failingAdvice === true ? 'none' : 'local'
  })
  const tracker = createTracker({ store, advisor, now: () => NOW })
  return { store, tracker, upstreamCalls }
}

const profile = (p: Partial<StoredProfile>): StoredProfile => ({ weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null, ...p })
const water = (body: Record<string, unknown>) => body as EntryOf<'water'>
const gym = (body: Record<string, unknown>) => body as EntryOf<'gym'>
const words = (s: string) => s.trim().split(/\s+/).length

/** Asserts that promise rejects with a TrackingError of this kind (and idempotency code). */
async function refused (t: Test, promise: Promise<unknown>, kind: TrackingErrorKind, code?: IdempotencyCode): Promise<void> {
  const err = await promise.then(() => undefined, (e: unknown) => e)
  t.ok(err instanceof TrackingError, `TrackingError (got ${String(err)})`)
  t.equal((err as TrackingError | undefined)?.kind, kind)
  t.equal((err as TrackingError | undefined)?.code, code)
}

t.test('water: the day\'s sum drives the facts and today', async (t) => {
  const { store, tracker } = await setup(t)
  // Profile 80 kg in Auckland: target = 80 kg × 35 mL = 2.8 L total water, of
  // which drinks are 80 % → 2.24 L.
  await store.putProfile('alice', profile({ weight_kg: 80, timezone: AKL }), NOW)

  // Both at local times on 2026-01-15 (NZDT, +13:00).
  const first = await tracker.log('alice', 'water', water({ amount_liters: 0.5, time: '2026-01-15T08:00:00' }))
  t.equal(first.replayed, false)
  t.equal(first.advice.facts.intake_l, 0.5)
  t.same(first.advice.facts.today, { water_l: 0.5, water_target_l: 2.24, kcal_in: 0, kcal_out: 0, entries: 1 })

  const second = await tracker.log('alice', 'water', water({ amount_liters: 0.7, time: '2026-01-15T23:30:00' }))
  // 0.5 + 0.7 = 1.2 L so far that day; 2.24 − 1.2 = 1.04 L to go.
  t.equal(second.advice.facts.intake_l, 1.2)
  t.equal(second.advice.facts.target_l, 2.24)
  t.equal(second.advice.facts.remaining_l, 1.04)
  t.same(second.advice.facts.today, { water_l: 1.2, water_target_l: 2.24, kcal_in: 0, kcal_out: 0, entries: 2 })
  t.ok(words(second.advice.message) <= 25)

  // 00:30 on the 16th in Auckland is a new day, although it is only an hour
  // after the last drink (2026-01-15T11:30Z vs 10:30Z).
  const third = await tracker.log('alice', 'water', water({ amount_liters: 0.3, time: '2026-01-16T00:30:00' }))
  t.equal(third.advice.facts.intake_l, 0.3)
  t.same(third.advice.facts.today, { water_l: 0.3, water_target_l: 2.24, kcal_in: 0, kcal_out: 0, entries: 1 })

  // The stored entry keeps this drink's own amount and its absolute instant:
  // 2026-01-15T23:30 NZDT (+13:00) is 10:30Z.
  const stored = await store.getEntry('alice', second.advice.entry_id)
  t.equal(stored?.water_l, 0.7)
  t.equal(stored?.time_ms, Date.parse('2026-01-15T10:30:00Z'))
  t.same(stored?.body, { amount_liters: 0.7, time: '2026-01-15T23:30:00' }, 'the body is stored as sent')
})

t.test('water: the profile\'s water_target_l overrides the computed target', async (t) => {
  const { store, tracker } = await setup(t)
  await store.putProfile('alice', profile({ weight_kg: 80, water_target_l: 3 }), NOW)
  const { advice } = await tracker.log('alice', 'water', water({ amount_liters: 1, time: '2026-06-01T10:00:00Z' }))
  // 3 L target − 1 L drunk = 2 L left.
  t.equal(advice.facts.target_l, 3)
  t.equal(advice.facts.remaining_l, 2)
  t.match(advice.facts.basis, /water_target_l/)
  t.same(advice.facts.today, { water_l: 1, water_target_l: 3, kcal_in: 0, kcal_out: 0, entries: 1 })
  // A gym entry that day reports the same override as the day's target.
  const workout = await tracker.log('alice', 'gym', gym({ activity: 'running', duration_minutes: 30, time: '2026-06-01T11:00:00Z' }))
  t.equal(workout.advice.facts.today.water_target_l, 3)
})

t.test('gym: the profile weight is used when the entry has none', async (t) => {
  const { store, tracker } = await setup(t)
  await store.putProfile('alice', profile({ weight_kg: 80 }), NOW)
  const { advice } = await tracker.log('alice', 'gym', gym({ activity: 'running', duration_minutes: 45, time: '2026-06-01T07:00:00Z' }))
  const facts = advice.facts
  t.equal(facts.weight_kg, 80)
  t.equal(facts.weight_assumed, false)
  // The facts cite Compendium 2024 code 12050, "Running, 6-6.3 mph (10 min/mile)",
  // 9.3 MET (src/advice/data/compendium.json). kcal = 9.3 × 80 kg × 0.75 h = 558.
  t.equal(facts.compendium_code, '12050')
  const compendium = JSON.parse(readFileSync(new URL('../../src/advice/data/compendium.json', import.meta.url), 'utf8')) as { activities: Array<[string, number, string, string]> }
  t.same(compendium.activities.find((row) => row[0] === '12050')?.slice(0, 2), ['12050', 9.3], 'the cited row is 9.3 MET')
  t.equal(facts.kcal_burned, 558)
  // Today (no water entry): the 80 kg target, 2.24 L (see above), and 558 kcal out.
  t.same(facts.today, { water_l: 0, water_target_l: 2.24, kcal_in: 0, kcal_out: 558, entries: 1 })
  const stored = await store.getEntry('alice', advice.entry_id)
  t.equal(stored?.kcal_out, 558)
  t.same(stored?.body, { activity: 'running', duration_minutes: 45, time: '2026-06-01T07:00:00Z' }, 'the profile weight is not written into the body')

  // The entry's own weight wins: 9.3 × 60 kg × 0.75 h = 418.5 kcal.
  const own = await tracker.log('alice', 'gym', gym({ activity: 'running', duration_minutes: 45, weight_kg: 60, time: '2026-06-01T08:00:00Z' }))
  t.equal(own.advice.facts.kcal_burned, 418.5)
  t.equal(own.advice.facts.weight_assumed, false)
  // 558 + 418.5 = 976.5 kcal out today.
  t.equal(own.advice.facts.today.kcal_out, 976.5)
})

t.test('food: the meal\'s kcal counts as kcal_in', async (t) => {
  const { store, tracker } = await setup(t)
  const food = (body: Record<string, unknown>) => body as EntryOf<'food'>
  // FNDDS 63107010 "Banana, raw": 97 kcal per 100 g, "1 banana" = 126 g
  // (src/advice/data/fndds.json) → 97 × 1.26 = 122.22 → 122 kcal.
  const first = await tracker.log('alice', 'food', food({ food: 'a banana', time: '2026-06-01T08:00:00Z' }))
  t.equal(first.advice.facts.kcal, 122)
  t.same(first.advice.facts.today, { water_l: 0, water_target_l: 1.8, kcal_in: 122, kcal_out: 0, entries: 1 })
  t.equal((await store.getEntry('alice', first.advice.entry_id))?.kcal_in, 122)
  const second = await tracker.log('alice', 'food', food({ food: 'a banana', time: '2026-06-01T09:00:00Z' }))
  t.equal(second.advice.facts.today.kcal_in, 244)
})

t.test('food: the profile\'s weight is not added to a meal, so no note calls it unused context', async (t) => {
  const { store, tracker } = await setup(t)
  await store.putProfile('alice', profile({ weight_kg: 70 }), NOW)
  const meal = await tracker.log('alice', 'food', { food: 'a banana' } as EntryOf<'food'>)
  t.same(meal.advice.facts.notes.filter((n) => n.startsWith('not used for the numbers')), [])
  // A weight the user sent with the meal is context the numbers do not use, and says so.
  const sent = await tracker.log('alice', 'food', { food: 'a banana', weight_kg: 70 } as unknown as EntryOf<'food'>)
  t.ok(sent.advice.facts.notes.includes('not used for the numbers (context only): weight_kg'))
})

t.test('no profile: UTC days, 70 kg assumed, EFSA water target', async (t) => {
  const { tracker } = await setup(t)
  const { advice } = await tracker.log('bob', 'gym', gym({ activity: 'running', duration_minutes: 60 }))
  // 9.3 MET × 70 kg × 1 h = 651 kcal; weight assumed.
  t.equal(advice.facts.weight_assumed, true)
  t.equal(advice.facts.kcal_burned, 651)
  // EFSA 2.25 L total water × 80 % from drinks = 1.8 L.
  t.equal(advice.facts.today.water_target_l, 1.8)
  t.same(await tracker.profile('bob'), { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null })
})

t.test('summary: the day\'s totals, items and a short message', async (t) => {
  const { store, tracker } = await setup(t)
  await store.putProfile('alice', profile({ weight_kg: 80, timezone: AKL, kcal_goal: 2000 }), NOW)
  await tracker.log('alice', 'water', water({ amount_liters: 0.5, time: '2026-01-15T08:00:00' }))
  await tracker.log('alice', 'gym', gym({ activity: 'running', duration_minutes: 45, time: '2026-01-15T18:00:00' }))
  await tracker.log('alice', 'water', water({ amount_liters: 0.7, time: '2026-01-15T23:30:00' }))
  // The next local day and the day before stay out.
  await tracker.log('alice', 'water', water({ amount_liters: 0.3, time: '2026-01-16T00:30:00' }))
  await tracker.log('alice', 'water', water({ amount_liters: 0.4, time: '2026-01-14T23:59:00' }))

  const day = await tracker.summary('alice', '2026-01-15')
  t.equal(day.date, '2026-01-15')
  t.equal(day.timezone, AKL)
  t.equal(day.water_l, 1.2)
  t.equal(day.water_target_l, 2.24)
  t.equal(day.kcal_in, 0)
  t.equal(day.kcal_out, 558)
  t.equal(day.kcal_goal, 2000)
  t.equal(day.entries, 3)
  // Oldest first; 08:00 NZDT is 2026-01-14T19:00Z.
  t.same(day.items.map((e) => e.topic), ['water', 'gym', 'water'])
  t.equal(day.items[0]?.time, '2026-01-14T19:00:00.000Z')
  t.equal(day.source, 'local')
  t.equal(day.degraded, false)
  t.ok(words(day.message) <= 25, `≤ 25 words: ${day.message}`)
  t.match(day.message, /1\.2 L/, 'the message speaks of the day\'s water')

  const empty = await tracker.summary('alice', '2026-02-01')
  t.equal(empty.entries, 0)
  t.equal(empty.water_l, 0)
  t.same(empty.items, [])
  t.ok(words(empty.message) <= 25)

  // No date: today in the profile's zone. NOW (2026-06-01T12:00Z) is 00:00 NZST on 2 June.
  t.equal((await tracker.summary('alice', undefined)).date, '2026-06-02')
  await refused(t, tracker.summary('alice', '2026-02-31'), 'invalid')
})

t.test('a time that is not a real date is a 400', async (t) => {
  const { store, tracker } = await setup(t)
  await refused(t, tracker.log('alice', 'water', water({ amount_liters: 0.5, time: '2026-02-31T10:00:00' })), 'invalid')
  t.same((await store.listEntries('alice', { limit: 10 })).items, [], 'nothing stored')
  // A time absent is now.
  const { advice } = await tracker.log('alice', 'water', water({ amount_liters: 0.5 }))
  t.equal((await store.getEntry('alice', advice.entry_id))?.time_ms, NOW)
})

t.test('Idempotency-Key', async (t) => {
  const { store, tracker } = await setup(t)
  const body = water({ amount_liters: 0.5, time: '2026-06-01T10:00:00Z' })

  t.test('a retry replays the first answer without a second entry', async (t) => {
    const first = await tracker.log('alice', 'water', body, { idempotencyKey: 'k' })
    // The same fields in another order are the same request.
    const again = await tracker.log('alice', 'water', water({ time: '2026-06-01T10:00:00Z', amount_liters: 0.5 }), { idempotencyKey: 'k' })
    t.equal(again.replayed, true)
    t.same(again.advice, first.advice)
    t.equal((await store.listEntries('alice', { limit: 10 })).items.length, 1, 'one entry')
  })

  t.test('the same key with another body is a 409', async (t) => {
    await refused(t, tracker.log('alice', 'water', water({ amount_liters: 0.6 }), { idempotencyKey: 'k' }), 'conflict', 'key_reused')
    t.equal((await store.listEntries('alice', { limit: 10 })).items.length, 1, 'still one entry')
  })

  t.test('concurrent requests with one key make one entry', async (t) => {
    const concurrent = water({ amount_liters: 0.4, time: '2026-06-01T11:00:00Z' })
    const results = await Promise.allSettled([1, 2, 3, 4].map(async () => await tracker.log('dave', 'water', concurrent, { idempotencyKey: 'race' })))
    const entries = (await store.listEntries('dave', { limit: 10 })).items
    t.equal(entries.length, 1, 'exactly one entry')
    let fresh = 0
    for (const result of results) {
      if (result.status === 'fulfilled') {
        t.equal(result.value.advice.entry_id, entries[0]?.id, 'every answer names that entry')
        if (!result.value.replayed) fresh++
      } else {
        // One request logs under the key; the others get its answer, or a 409 while it is in flight.
        t.match(result.reason, { constructor: TrackingError, kind: 'conflict', code: 'key_in_progress', retryAfterS: 1 })
      }
    }
    t.equal(fresh, 1, 'one request logged it')
  })

  t.test('keys are per user', async (t) => {
    const bob = await tracker.log('bob', 'water', body, { idempotencyKey: 'k' })
    t.equal(bob.replayed, false)
    t.equal((await store.listEntries('bob', { limit: 10 })).items.length, 1)
  })

  t.test('a key whose answer was never stored answers from its entry', async (t) => {
    // As if a request had committed its entry and then crashed before storing the answer.
    const orphan = { id: 'orphan', topic: 'water' as const, time_ms: Date.parse('2026-06-01T09:00:00Z'), body: { amount_liters: 0.25 }, facts: { intake_l: 0.25, target_l: 1.8, remaining_l: 1.55, basis: 'b', baseline_l: 1.8, exercise_extra_l: 0, heat_extra_l: 0, warnings: [], notes: [], sources: [] }, water_l: 0.25, kcal_in: 0, kcal_out: 0, created_at: NOW }
    const hash = requestHash('water', orphan.body)
    await store.insertEntry('carol', orphan, { key: 'crashed', hash })
    const { advice, replayed } = await tracker.log('carol', 'water', water({ amount_liters: 0.25 }), { idempotencyKey: 'crashed' })
    t.equal(replayed, true)
    t.equal(advice.entry_id, 'orphan')
    t.same(advice.facts.today, { water_l: 0.25, water_target_l: 1.8, kcal_in: 0, kcal_out: 0, entries: 1 })
    t.equal((await store.listEntries('carol', { limit: 10 })).items.length, 1, 'no second entry')
    // Its entry deleted since: nothing to replay.
    await store.deleteEntry('carol', 'orphan')
    await refused(t, tracker.log('carol', 'water', water({ amount_liters: 0.25 }), { idempotencyKey: 'crashed' }), 'conflict', 'key_entry_deleted')
  })

  t.test('an expired key is used afresh', async (t) => {
    const later = createTracker({ store, advisor: createAdvisor({ local: createLocalProvider(), fallback: 'local' }), now: () => NOW + 24 * 3_600_000 + 1 })
    const { replayed, advice } = await later.log('alice', 'water', body, { idempotencyKey: 'k' })
    t.equal(replayed, false)
    t.equal((await store.keys.find('alice', 'k', NOW + 24 * 3_600_000 + 2))?.entry_id, advice.entry_id)
  })
})

t.test('advice failing removes the stored entry and forgets the key', async (t) => {
  const { store, tracker, upstreamCalls } = await setup(t, { failingAdvice: true })
  await t.rejects(tracker.log('alice', 'water', water({ amount_liters: 0.5 }), { idempotencyKey: 'k' }), AdviceUnavailableError)
  t.ok(upstreamCalls.n >= 1, 'the upstream was asked')
  t.same((await store.listEntries('alice', { limit: 10 })).items, [], 'no entry left behind')
  t.same(await store.totals('alice', 0, NOW + 86_400_000), { water_l: 0, kcal_in: 0, kcal_out: 0, entries: 0 })
  t.equal(await store.keys.find('alice', 'k', NOW), undefined, 'the key was forgotten')
})

t.test('cleanup failures are reported, not thrown', async (t) => {
  t.test('undo cannot delete: the advice error still wins', async (t) => {
    const { store } = await setup(t)
    const cleanup: unknown[] = []
    const broken = { ...store, deleteEntry: async () => { throw new Error('database gone') } }
    const advisor = createAdvisor({
      local: createLocalProvider(),
      chain: [{ name: 'gemini', state: () => 'available', words: async () => { throw new ProviderError('timeout', 'upstream timed out') } }],
      fallback: 'none'
    })
    const tracker = createTracker({ store: broken, advisor, now: () => NOW, onCleanupError: (err) => cleanup.push(err) })
    await t.rejects(tracker.log('alice', 'water', water({ amount_liters: 0.5 })), AdviceUnavailableError)
    t.equal(cleanup.length, 1)
    t.match(cleanup[0], { message: 'database gone' })
  })

  t.test('the answer cannot be stored: the entry and answer still stand', async (t) => {
    const { store } = await setup(t)
    const cleanup: unknown[] = []
    const broken = { ...store, keys: { ...store.keys, complete: async () => { throw new Error('write failed') } } }
    const tracker = createTracker({ store: broken, advisor: createAdvisor({ local: createLocalProvider(), fallback: 'local' }), now: () => NOW, onCleanupError: (err) => cleanup.push(err) })
    const { advice, replayed } = await tracker.log('alice', 'water', water({ amount_liters: 0.5 }), { idempotencyKey: 'k' })
    t.equal(replayed, false)
    t.ok(await store.getEntry('alice', advice.entry_id), 'the entry is durable')
    t.equal(cleanup.length, 1)
    // A retry rebuilds the answer from the stored entry: same entry, no second one.
    const retry = await tracker.log('alice', 'water', water({ amount_liters: 0.5 }), { idempotencyKey: 'k' })
    t.equal(retry.replayed, true)
    t.equal(retry.advice.entry_id, advice.entry_id)
    t.equal((await store.listEntries('alice', { limit: 10 })).items.length, 1)
  })
})

t.test('a meal is placed by its meal_time, a workout by its time', async (t) => {
  const { store, tracker } = await setup(t)
  await store.putProfile('erin', profile({ timezone: AKL }), NOW)
  // 2026-05-31T23:30:00 in Auckland (NZST, +12:00) is 2026-05-31T11:30:00Z, the day before NOW's
  // Auckland date (NOW = 2026-06-01T12:00:00Z is 2026-06-02 00:00 there).
  const meal = await tracker.log('erin', 'food', { food: 'an apple', meal_time: '2026-05-31T23:30:00' } as EntryOf<'food'>)
  const run = await tracker.log('erin', 'gym', gym({ activity: 'running', duration_minutes: 30, time: '2026-05-31T23:30:00' }))
  for (const id of [meal.advice.entry_id, run.advice.entry_id]) {
    t.equal((await store.getEntry('erin', id))?.time_ms, Date.parse('2026-05-31T11:30:00Z'))
  }
  const day = await tracker.summary('erin', '2026-05-31')
  t.equal(day.entries, 2)
  t.equal((await tracker.summary('erin', undefined)).entries, 0, 'nothing on today (2026-06-02 in Auckland)')
})
