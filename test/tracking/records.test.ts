import t from 'tap'
import type { FoodFacts } from '../../schemas/food.js'
import { NUTRIENT_KEYS, type Nutrients } from '../../schemas/nutrients.js'
import { prepare } from '../../src/advice/topics/index.js'
import { newEntry, requestHash, storedRequest, toWire } from '../../src/tracking/records.js'

const DAY = { weightKg: null, waterTargetL: null, waterSoFarL: 1, localTime: '2026-06-01T10:00:00' }

t.test('requestHash: the same fields in any order are one request; the topic is part of it', async (t) => {
  t.equal(requestHash('water', { a: 1, b: 2 }), requestHash('water', { b: 2, a: 1 }))
  t.not(requestHash('water', { a: 1 }), requestHash('gym', { a: 1 }), 'the topic is part of the request')
  // Stored keys outlive a deploy (24 h), so the form is pinned: sha256 of 'water\n' and the sorted JSON,
  // {"amount_liters":0.5,"note":"é","tags":["b","a"],"time":"2026-06-01T10:00:00Z"} (sha256sum by hand).
  t.equal(requestHash('water', { time: '2026-06-01T10:00:00Z', tags: ['b', 'a'], note: 'é', amount_liters: 0.5 }), 'cb37f0b0ccfe2d2c67c073e20f40d77f73378d12ed38f266283bf81647e3a626')
})

t.test('newEntry: each topic adds its own amount to the day', async (t) => {
  // Tracked water: 1 L already logged + this 0.5 L drink: the facts are of 1.5 L, the day's sum grows by 0.5 L.
  const water = prepare('water', { amount_liters: 0.5 }, DAY)
  t.equal(water.facts.intake_l, 1.5)
  t.match(newEntry('water', { amount_liters: 0.5 }, water.facts, 1000, 2000), { topic: 'water', time_ms: 1000, created_at: 2000, body: { amount_liters: 0.5 }, water_l: 0.5, kcal_in: 0, kcal_out: 0 })
  const nutrients = Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, null])) as Nutrients
  const food: FoodFacts = { kcal: 380, complete: true, protein_g: null, carbs_g: null, fat_g: null, nutrients, items: [], unmatched: [], reported_kcal: null, notes: [], sources: [] }
  t.match(newEntry('food', { food: 'a bagel' }, food, 0, 0), { water_l: 0, kcal_in: 380, kcal_out: 0 })
  t.match(newEntry('food', { food: 'zorblax' }, { ...food, kcal: null }, 0, 0), { kcal_in: 0 }, 'an unknown meal adds nothing')
  // Running 12050, 9.3 MET, 70 kg assumed, 45 min: 9.3 × 70 × 0.75 = 488.25 → 488.3 kcal.
  const gym = prepare('gym', { activity: 'running', duration_minutes: 45 })
  t.match(newEntry('gym', { activity: 'running', duration_minutes: 45 }, gym.facts, 0, 0), { water_l: 0, kcal_in: 0, kcal_out: 488.3 })
})

t.test('storedRequest: the stored facts as they are, and the entry its topic restates for them', async (t) => {
  const facts = prepare('water', { amount_liters: 0.5 }, DAY).facts
  const stored = newEntry('water', { amount_liters: 0.5, note: 'after lunch' }, facts, 0, 0)
  const request = storedRequest(stored)
  t.same(request, { topic: 'water', entry: { amount_liters: 1.5 }, context: { note: 'after lunch' }, facts }, 'water is shown the day\'s sum it was logged with')
  t.equal(request.facts, facts, 'not recomputed')
  const gymFacts = prepare('gym', { activity: 'yoga', duration_minutes: 30 }).facts
  t.same(storedRequest(newEntry('gym', { activity: 'yoga', duration_minutes: 30 }, gymFacts, 0, 0)).entry, { activity: 'yoga', duration_minutes: 30 })
})

t.test('toWire: instants as UTC ISO 8601', async (t) => {
  const entry = { id: 'e1', topic: 'gym' as const, time_ms: Date.UTC(2026, 5, 1, 10), body: { activity: 'yoga' }, facts: {}, water_l: 0, kcal_in: 0, kcal_out: 0, created_at: Date.UTC(2026, 5, 1, 10, 5) }
  t.same(toWire(entry), { id: 'e1', topic: 'gym', time: '2026-06-01T10:00:00.000Z', body: { activity: 'yoga' }, facts: {}, created_at: '2026-06-01T10:05:00.000Z' })
})
