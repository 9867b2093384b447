import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t, { type Test } from 'tap'
import { TEXT_PATTERN } from '../../../schemas/common.js'
import { build } from '../../helpers/build.js'
import { FAKE_PROVIDERS } from '../../helpers/fake-providers.js'
import { FUZZ_SEED } from '../../helpers/fuzz-seed.js'

type Route = 'water' | 'gym' | 'food'
type Body = Record<string, unknown>
/** What one fuzz case sends: a JS value (serialised here) or raw JSON text / bytes. */
type Payload = { route: Route, raw: string | Buffer }

const ROUTES: Route[] = ['water', 'gym', 'food']
const BODY_LIMIT = 16_384
const LEVELS = ['low', 'moderate', 'high']
const DOCUMENTED: Record<Route, string[]> = {
  water: ['amount_liters', 'time', 'weight_kg', 'activity_level', 'temperature', 'exercise_duration'],
  gym: ['activity', 'duration_minutes', 'intensity', 'calories_burned', 'heart_rate', 'distance_km', 'equipment_used', 'muscle_groups', 'rest_periods', 'weight_kg'],
  food: ['food', 'meal', 'estimated_calories', 'meal_time', 'portion_size', 'ingredients', 'cooking_method', 'dietary_restrictions', 'satisfaction_level']
}
// A provider with its fake: ask once, no retries, and keep under-pressure out of
// the way (a busy fuzz loop is not an overload the tests are about).
const QUIET = { MAX_EVENT_LOOP_DELAY_MS: '0' }

// --- (a) schema-valid bodies -------------------------------------------------

const text = new RegExp(TEXT_PATTERN, 'u')
const codePoints = (s: string) => [...s].length
const str = (min: number, max: number) => fc.oneof(
  fc.string({ unit: 'binary', minLength: min, maxLength: max }),
  fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
  fc.string({ minLength: min, maxLength: max }),
  fc.constantFrom('running', 'oatmeal with berries', '2 eggs and a slice of toast', '🏋️‍♀️ squats', 'café au lait', '米饭', 'زبادي', '\ud800 lone', 'a\u200db')
).filter((s) => codePoints(s) >= min && codePoints(s) <= max && text.test(s))
const num = (min: number, max: number, minExcluded = false) => fc.oneof(
  fc.double({ min, max, minExcluded, noNaN: true }),
  fc.integer({ min: Math.ceil(min), max: Math.floor(max) }).filter((n) => !minExcluded || n > min)
)
const dateTime = fc.tuple(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
  fc.constantFrom('Z', '', '+05:30', '-0800', '.ms', ' ')
).map(([d, variant]) => {
  const iso = d.toISOString()
  switch (variant) {
    case '': return iso.slice(0, 19)
    case '.ms': return iso
    case ' ': return iso.slice(0, 16).replace('T', ' ')
    default: return iso.slice(0, 19) + variant
  }
})
const textList = fc.array(str(1, 100), { maxLength: 20 })

const extraName = fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/)
const extraValue = fc.oneof(
  str(1, 200),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.oneof(str(1, 200), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 20 })
)
const extras = (route: Route) => fc.dictionary(
  extraName.filter((k) => !DOCUMENTED[route].includes(k)),
  extraValue,
  { maxKeys: 20, noNullPrototype: true }
)

const VALID: Record<Route, fc.Arbitrary<Body>> = {
  water: fc.tuple(fc.record({
    amount_liters: num(0, 10, true),
    time: dateTime,
    weight_kg: num(20, 400),
    activity_level: fc.constantFrom(...LEVELS),
    temperature: num(-40, 60),
    exercise_duration: num(0, 1440)
  }, { requiredKeys: ['amount_liters'] }), extras('water')).map(([b, x]) => ({ ...x, ...b })),
  gym: fc.tuple(fc.record({
    activity: str(1, 100),
    duration_minutes: num(0, 600, true),
    intensity: fc.constantFrom(...LEVELS),
    calories_burned: num(0, 10000),
    heart_rate: num(30, 250),
    distance_km: num(0, 1000),
    equipment_used: textList,
    muscle_groups: textList,
    rest_periods: num(0, 3600),
    weight_kg: num(20, 400)
  }, { requiredKeys: ['activity'] }), extras('gym')).map(([b, x]) => ({ ...x, ...b })),
  food: fc.tuple(fc.record({
    food: str(1, 500),
    meal: fc.constantFrom('breakfast', 'lunch', 'dinner', 'snack'),
    estimated_calories: num(0, 20000),
    meal_time: dateTime,
    portion_size: fc.constantFrom('small', 'medium', 'large'),
    ingredients: textList,
    cooking_method: str(1, 100),
    dietary_restrictions: textList,
    satisfaction_level: fc.integer({ min: 1, max: 10 })
  }, { requiredKeys: ['food'] }), extras('food')).map(([b, x]) => ({ ...x, ...b }))
}

const validPayload: fc.Arbitrary<Payload & { valid: true }> = fc.constantFrom(...ROUTES)
  .chain((route) => VALID[route].map((body) => ({ route, raw: JSON.stringify(body), valid: true as const })))

// --- (b)–(g) hostile payloads --------------------------------------------------

const route = fc.constantFrom(...ROUTES)
const seedOf = (r: Route) => r === 'water' ? '"amount_liters":1.5' : r === 'gym' ? '"activity":"running","duration_minutes":30' : '"food":"toast"'

const arbitraryJson: fc.Arbitrary<Payload> = fc.tuple(route, fc.oneof(
  fc.jsonValue(),
  fc.object(),
  fc.object({ key: extraName, values: [fc.jsonValue()] }),
  fc.dictionary(fc.string(), fc.jsonValue())
)).map(([r, v]) => ({ route: r, raw: JSON.stringify(v) ?? 'null' }))

// Documented fields of the route mixed with arbitrary JSON values: near-valid bodies.
const mutatedJson: fc.Arbitrary<Payload> = route.chain((r) => fc.tuple(
  VALID[r],
  fc.dictionary(fc.constantFrom(...DOCUMENTED[r], 'note', 'sets_completed'), fc.jsonValue(), { maxKeys: 3, noNullPrototype: true })
).map(([b, m]) => ({ route: r, raw: JSON.stringify({ ...b, ...m }) })))

const rawBytes: fc.Arbitrary<Payload> = fc.tuple(route, fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)),
  fc.string({ unit: 'binary', maxLength: 256 }),
  fc.string({ maxLength: 64 }).map((s) => `{${s}`),
  fc.constantFrom('', ' ', '{', '}', '[]', 'null', 'true', '"x"', '{"a":}', '\uFEFF{}', '{"amount_liters":1,}', '{"food":"x"}garbage', 'NaN', '{"amount_liters":NaN}')
)).map(([r, raw]) => ({ route: r, raw }))

const SPECIAL_NUMBERS = ['1e308', '-1e308', '1e999', '-1e999', '-0', '0', '5e-324', '-5e-324', '1.7976931348623157e308',
  '9'.repeat(400), `0.${'0'.repeat(400)}1`, `1${'0'.repeat(308)}`, `1.${'5'.repeat(1000)}`, '2.5e0', '1E1', '0.1e1', '10', '10.000000000000001', '-1', '1e-7', '600', '600.0000000001']
const NUMERIC_FIELDS: Record<Route, string[]> = {
  water: ['amount_liters', 'weight_kg', 'temperature', 'exercise_duration', 'note', 'sets_completed'],
  gym: ['duration_minutes', 'calories_burned', 'heart_rate', 'distance_km', 'rest_periods', 'weight_kg', 'note'],
  food: ['estimated_calories', 'satisfaction_level', 'note']
}
const specialNumbers: fc.Arbitrary<Payload> = route.chain((r) => fc.tuple(
  fc.constantFrom(...NUMERIC_FIELDS[r]),
  fc.constantFrom(...SPECIAL_NUMBERS),
  fc.boolean()
).map(([field, n, inArray]) => ({ route: r, raw: `{${seedOf(r)},"${field}":${inArray ? `[${n},${n}]` : n}}` })))

const nested = (depth: number, open: string, close: string, core = '1') => open.repeat(depth) + core + close.repeat(depth)
const deepNesting: fc.Arbitrary<Payload> = fc.tuple(route, fc.integer({ min: 1, max: 5000 }), fc.constantFrom('array', 'object', 'extra'))
  .map(([r, depth, shape]) => {
    if (shape === 'array') return { route: r, raw: nested(depth, '[', ']') }
    if (shape === 'object') return { route: r, raw: nested(Math.min(depth, 2000), '{"a":', '}') }
    return { route: r, raw: `{${seedOf(r)},"note":${nested(depth, '[', ']')}}` }
  })

const ODD_UNICODE = ['\\ud800', '\\udfff', '\\udc00\\ud800', 'a\\ud83d', '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c', '\u200d', '\u200b', '\ufeff',
  '👨‍👩‍👧‍👦', '🏃🏽‍♀️', '\\u0000', 'a\\u0000b', '\\u0085', '\\u001b[31m', '\u0301\u0301\u0301', '𝕆𝕒𝕥𝕞𝕖𝕒𝕝', 'ﷺ', '\u2028', '\u2029', 'Ω≈ç√', '\\\\', '\\"', '\\n\\r\\t']
const UNICODE_FIELDS: Record<Route, string[]> = {
  water: ['note', 'time', 'activity_level'],
  gym: ['activity', 'note', 'intensity'],
  food: ['food', 'cooking_method', 'note', 'meal']
}
const oddUnicode: fc.Arbitrary<Payload> = route.chain((r) => fc.tuple(
  fc.constantFrom(...UNICODE_FIELDS[r]),
  fc.array(fc.oneof(fc.constantFrom(...ODD_UNICODE), fc.constantFrom('run', 'oats', ' ', 'x')), { minLength: 1, maxLength: 6 }),
  fc.boolean()
).map(([field, parts, inList]) => {
  const s = `"${parts.join('')}"`
  const key = r === 'gym' && inList ? 'equipment_used' : field
  return { route: r, raw: `{${seedOf(r)},"${key}":${inList ? `[${s}]` : s}}` }
}))

const POLLUTION = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
  '{"constructor":"x"}',
  '{"prototype":"x"}',
  '{"constructor":1,"prototype":[1,"x"]}',
  '{"note":{"__proto__":{"polluted":true}}}',
  '{"note":[{"__proto__":{"polluted":true}}]}',
  '{"__proto__":[]}',
  '{"__proto__":null}',
  '{"hasOwnProperty":"x","toString":1,"valueOf":true}',
  '{"__defineGetter__":"x"}'
]
const prototypePollution: fc.Arbitrary<Payload> = fc.tuple(route, fc.constantFrom(...POLLUTION), fc.boolean())
  .map(([r, p, withSeed]) => ({ route: r, raw: withSeed ? `{${seedOf(r)},${p.slice(1)}` : p }))

// --- checks ----------------------------------------------------------------------

const FORBIDDEN: Array<[string, RegExp]> = [
  // A V8 frame: "at fn (/abs/path/file.js:12:34)" or "at file:///abs/file.js:12:34".
  ['stack frame', /\bat (?:\S+ )?\(?(?:file:\/\/|\/|[A-Za-z]:\\)[^\s()]+:\d+:\d+/],
  ['source line ref', /\.(?:ts|js|mjs|cjs):\d+/],
  ['path', /\/work\/|\/home\/|node_modules/],
  ['provider key', /test-secret-key-123/],
  ['upstream error text', /secret-upstream-text/]
]

function countWords (s: string) {
  return s.split(/\s+/).filter((w) => w !== '').length
}

/** Throws when a response breaks the contract; returns the status. */
function check (res: LightMyRequestResponse, p: Payload, expect: { valid?: boolean, echo?: boolean } = {}): number {
  const sent = Buffer.isBuffer(p.raw) ? p.raw.toString('latin1') + p.raw.toString('utf8') : p.raw
  const fail = (why: string) => { throw new Error(`${why}: ${res.statusCode} ${res.body.slice(0, 300)}`) }
  if (res.statusCode >= 500) fail('5xx')
  for (const [name, re] of FORBIDDEN) {
    // Fastify's JSON errors quote the bad input back; only what we did not send counts.
    const m = re.exec(res.body)
    if (m !== null && !sent.includes(m[0])) fail(`body carries a ${name} (${m[0]})`)
  }
  const size = Buffer.byteLength(p.raw)
  if (res.statusCode >= 400) {
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) fail('4xx without problem+json')
    const body = res.json()
    for (const k of ['type', 'title', 'detail']) if (typeof body[k] !== 'string') fail(`problem without ${k}`)
    if (body.status !== res.statusCode) fail('problem status differs')
    if (size > BODY_LIMIT && res.statusCode !== 413) fail('oversized body not 413')
    if (expect.valid === true && size <= BODY_LIMIT) fail('valid body rejected')
    return res.statusCode
  }
  if (res.statusCode !== 200) fail('unexpected status')
  if (size > BODY_LIMIT) fail('oversized body accepted')
  const body = res.json()
  if (typeof body.message !== 'string' || countWords(body.message) > 25) fail('message over 25 words')
  if (body.facts === null || typeof body.facts !== 'object') fail('no facts')
  if (expect.echo === true) {
    if (body.source !== 'local' || body.degraded !== true) fail('echoed prompt was not rejected')
  } else if (body.source !== 'local' || body.degraded !== false) {
    fail('local advice not local')
  }
  return 200
}

async function send (app: FastifyInstance, p: Payload) {
  return await app.inject({ method: 'POST', url: `/${p.route}`, headers: { 'content-type': 'application/json' }, payload: p.raw })
}

interface Group { name: string, arb: fc.Arbitrary<Payload & { valid?: boolean }>, local: number, echo: number }

const GROUPS: Group[] = [
  { name: '(a) schema-valid bodies', arb: validPayload, local: 1000, echo: 300 },
  { name: '(b) arbitrary JSON', arb: arbitraryJson, local: 2500, echo: 200 },
  { name: '(b) near-valid JSON', arb: mutatedJson, local: 600, echo: 150 },
  { name: '(c) raw bytes and strings', arb: rawBytes, local: 2500, echo: 100 },
  { name: '(d) huge and special numbers', arb: specialNumbers, local: 1200, echo: 150 },
  { name: '(e) deep nesting', arb: deepNesting, local: 500, echo: 50 },
  { name: '(f) odd Unicode', arb: oddUnicode, local: 1000, echo: 150 },
  { name: '(g) prototype-pollution keys', arb: prototypePollution, local: 300, echo: 50 }
]

// 10,000+ CPU-bound cases: alone they take about 20 s, but under coverage on a
// shared 2-core machine the file took 130 s, past .taprc's 120 s. Ten minutes
// still stops a hang; the suite asserts no durations.
t.setTimeout(600_000)

const started = Date.now()
let total = 0
const statuses = new Map<number, number>()

async function runGroup (t: Test, app: FastifyInstance, g: Group, numRuns: number, echo: boolean) {
  const property = fc.asyncProperty(g.arb, async (p) => {
    const status = check(await send(app, p), p, { valid: p.valid, echo })
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  })
  const t0 = Date.now()
  // Pinned in npm test (reproducible); `npm run fuzz` varies it.
  const details = await fc.check(property, { numRuns, seed: FUZZ_SEED })
  total += details.numRuns
  t.comment(`${details.numRuns} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  t.notOk(details.failed, fc.defaultReportMessage(details) ?? g.name)
}

t.test('local advisor', async (t) => {
  for (const g of GROUPS) {
    t.test(g.name, async (t) => {
      const app = await build(t, QUIET)
      await runGroup(t, app, g, g.local, false)
    })
  }
})

for (const provider of FAKE_PROVIDERS) {
  t.test(`${provider.name} in echo mode`, async (t) => {
    const fake = await provider.start({ kind: 'echo' })
    t.teardown(() => fake.close())
    for (const g of GROUPS) {
      t.test(g.name, async (t) => {
        const app = await build(t, provider.env(fake.url, { ...QUIET, AI_MAX_RETRIES: '0' }))
        await runGroup(t, app, g, g.echo, true)
      })
    }
  })
}

t.test('fixed edge cases', async (t) => {
  const app = await build(t, QUIET)
  const over: Payload = { route: 'gym', raw: nested(9000, '[', ']') }
  t.ok(Buffer.byteLength(over.raw) > BODY_LIMIT)
  t.equal(check(await send(app, over), over), 413, 'nesting beyond the body limit is a 413')
  const deep: Payload = { route: 'gym', raw: nested(5000, '[', ']') }
  t.equal(check(await send(app, deep), deep), 400, '5,000 nested arrays are a 400')
  const inf: Payload = { route: 'water', raw: '{"amount_liters":1e999}' }
  t.equal(check(await send(app, inf), inf), 400, '1e999 (Infinity) is rejected')
  const infExtra: Payload = { route: 'water', raw: '{"amount_liters":1,"note":1e999}' }
  t.equal(check(await send(app, infExtra), infExtra), 400, 'an infinite extra number is rejected')
  const proto: Payload = { route: 'water', raw: '{"amount_liters":1,"__proto__":{"polluted":true}}' }
  t.equal(check(await send(app, proto), proto), 400, '__proto__ is rejected')
  const ctor: Payload = { route: 'water', raw: '{"amount_liters":1,"constructor":"x","prototype":"y"}' }
  t.equal(check(await send(app, ctor), ctor), 200, 'constructor and prototype are plain extra fields')
  total += 6
})

t.test('Object.prototype is not polluted and totals', async (t) => {
  const probe = {} as Record<string, unknown>
  t.equal(probe.polluted, undefined)
  t.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false)
  t.equal(Object.getOwnPropertyNames(Array.prototype).includes('polluted'), false)
  t.ok(total >= 10_000, `at least 10,000 cases (${total})`)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  t.comment(`fuzz: seed ${FUZZ_SEED}, ${total} cases in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`)
})
