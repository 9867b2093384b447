import t from 'tap'
import { build, geminiEnv, SEEDS } from '../helpers/build.js'
import { startFakeGemini, type FakeMode } from '../helpers/fake-gemini.js'

const TOPICS = ['water', 'gym', 'food'] as const

t.test('seed requests without a key: local advice with the key number', async (t) => {
  const app = await build(t)
  const water = (await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).json()
  t.equal(water.source, 'local')
  t.equal(water.degraded, false)
  t.equal(water.facts.intake_l, 2)
  t.equal(water.facts.target_l, 1.8)
  t.equal(water.facts.remaining_l, 0)
  t.match(water.message, '1.8 L')

  const gym = (await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })).json()
  t.equal(gym.facts.compendium_code, '12050')
  t.equal(gym.facts.kcal_burned, 488.3)
  t.equal(gym.facts.weight_assumed, true)
  t.match(gym.message, '488 kcal')

  const food = (await app.inject({ method: 'POST', url: '/food', payload: SEEDS.food })).json()
  // FNDDS 56202960 "Oatmeal, NFS": Quantity not specified 240 g × 76 kcal/100 g = 182.4;
  // FNDDS 63200100 "Berries, NFS": Quantity not specified 75 g × 44 kcal/100 g = 33.0; total 215.4 → 215.
  t.same(food.facts.items.map((i: { food: string }) => i.food), ['Oatmeal, NFS', 'Berries, NFS'])
  t.equal(food.facts.kcal, 215)
  t.equal(food.facts.complete, true)
  t.match(food.message, '215 kcal')
  t.ok(food.facts.sources.includes('FNDDS 56202960'))
})

t.test('different inputs give different advice', async (t) => {
  const app = await build(t)
  const low = (await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 0.5 } })).json()
  const high = (await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 3 } })).json()
  t.not(low.message, high.message)
  t.match(low.message, '1.3 L')
})

t.test('with Gemini configured, Gemini writes the words and the facts stay ours', async (t) => {
  const fake = await startFakeGemini({ kind: 'ok', text: 'You are doing great, keep going!' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url))
  for (const topic of TOPICS) {
    const res = await app.inject({ method: 'POST', url: `/${topic}`, payload: SEEDS[topic] })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.source, 'gemini')
    t.equal(body.degraded, false)
    t.equal(body.message, 'You are doing great, keep going!')
  }
  t.equal(fake.calls, 3)
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.match(metrics, /advice_total\{topic="water",source="gemini"\} 1/)
  t.match(metrics, /ai_api_duration_seconds_count\{provider="gemini",outcome="ok"\} 3/)
  t.match(metrics, /ai_tokens_total\{provider="gemini",kind="input"\} 360/)
})

const FAULTS: Array<[string, FakeMode, string]> = [
  ['429', { kind: 'status', status: 429, retryDelay: '30s' }, 'rate_limited'],
  ['500', { kind: 'status', status: 500 }, 'server_error'],
  ['503', { kind: 'status', status: 503 }, 'server_error'],
  ['bad JSON', { kind: 'bad_json' }, 'bad_reply'],
  ['empty candidates', { kind: 'empty' }, 'empty'],
  ['safety block', { kind: 'safety' }, 'safety'],
  ['only a link', { kind: 'ok', text: 'https://evil.example.com/x' }, 'guard'],
  ['hang', { kind: 'hang' }, 'timeout'],
  ['slow beyond the timeout', { kind: 'ok', delayMs: 1500 }, 'timeout']
]

for (const [name, mode, reason] of FAULTS) {
  t.test(`Gemini fault "${name}": local advice, degraded, metric reason ${reason}`, async (t) => {
    const fake = await startFakeGemini(mode)
    t.teardown(() => fake.close())
    const app = await build(t, geminiEnv(fake.url, { AI_TIMEOUT_MS: '300', AI_MAX_RETRIES: '0' }))
    const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.source, 'local')
    t.equal(body.degraded, true)
    t.match(body.message, '1.8 L')
    t.notMatch(res.body, 'secret-upstream-text')
    t.equal(fake.calls, 1)
    const metrics = (await app.inject({ url: '/metrics' })).body
    t.match(metrics, new RegExp(`ai_fallbacks_total\\{reason="${reason}",from="gemini",to="local"\\} 1`))
  })
}

t.test('AI_FALLBACK=none: 502 on upstream failure, 504 on timeout, generic details', async (t) => {
  const fake = await startFakeGemini({ kind: 'status', status: 500 })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { AI_FALLBACK: 'none', AI_TIMEOUT_MS: '200', AI_MAX_RETRIES: '0' }))
  const failed = await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })
  t.equal(failed.statusCode, 502)
  t.match(failed.headers['content-type'], /^application\/problem\+json/)
  t.match(failed.json(), { type: '/problems/upstream-failed', status: 502, title: 'Bad Gateway' })
  t.notMatch(failed.body, /secret|status 500|test-secret-key/)

  fake.setMode({ kind: 'hang' })
  const timedOut = await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })
  t.equal(timedOut.statusCode, 504)
  t.equal(timedOut.json().type, '/problems/upstream-timeout')
})

t.test('over-long and markdown replies are trimmed to plain text of ≤ 25 words', async (t) => {
  const long = '**Great** work! ' + Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') + ' see https://example.com/more'
  const fake = await startFakeGemini({ kind: 'ok', text: long })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url))
  const body = (await app.inject({ method: 'POST', url: '/food', payload: SEEDS.food })).json()
  t.equal(body.source, 'gemini')
  t.ok(body.message.split(' ').length <= 25)
  t.notMatch(body.message, /\*|https?:|example\.com/)
  t.match(body.message, /^Great work!/)
})
