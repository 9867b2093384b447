import type { Test } from 'tap'
import t from 'tap'
import { build, geminiEnv, SEEDS } from '../helpers/build.js'
import { startFakeGemini } from '../helpers/fake-gemini.js'
import { readFileSync } from 'node:fs'
import { PROBLEM_TYPES, problemType } from '../../src/plugins/errors.js'
import { fieldErrors } from '../../src/http/field-errors.js'

const isProblem = (t: Test, res: { statusCode: number, headers: Record<string, unknown>, json: () => Record<string, unknown> }, status: number) => {
  t.equal(res.statusCode, status)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  const body = res.json()
  t.equal(body.status, status)
  t.type(body.type, 'string')
  t.type(body.title, 'string')
  t.type(body.detail, 'string')
  t.type(body.instance, 'string')
  return body
}

t.test('Fastify\'s own errors become problem+json', async (t) => {
  const app = await build(t, { BODY_LIMIT_BYTES: '1024' })
  isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: '{"amount_liters": ', headers: { 'content-type': 'application/json' } }), 400)
  isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: '', headers: { 'content-type': 'application/json' } }), 400)
  const tooBig = isProblem(t, await app.inject({ method: 'POST', url: '/food', payload: { food: 'x'.repeat(2000) } }), 413)
  t.equal(tooBig.type, '/problems/body-too-large')
  const media = isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: 'amount_liters=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415)
  t.equal(media.type, '/problems/unsupported-media-type')
  isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: 'hello', headers: { 'content-type': 'text/plain' } }), 415)
  const notFound = isProblem(t, await app.inject({ method: 'GET', url: '/nope?x=1' }), 404)
  t.equal(notFound.detail, 'No route GET /nope')
  const wrongMethod = await app.inject({ method: 'GET', url: '/water' })
  isProblem(t, wrongMethod, 405)
  t.equal(wrongMethod.headers.allow, 'POST')
})

t.test('an unexpected error is a generic 500 with no stack or message', async (t) => {
  const app = await build(t)
  t.capture(app.advisor, 'advise', async () => { throw new Error('database password is hunter2 at /srv/app/x.ts:10') })
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  const body = isProblem(t, res, 500)
  t.equal(body.type, '/problems/internal')
  t.notMatch(res.body, /hunter2|\.ts|at /)
  t.match(body.detail, 'Quote the instance id')
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.match(metrics, /errors_total\{type="internal"\} 1/)
})

t.test('field errors collapse union branches into one message per field', async (t) => {
  t.same(fieldErrors([
    { instancePath: '/note', keyword: 'type', params: { type: 'string' }, message: 'must be string' },
    { instancePath: '/note/0', keyword: 'type', params: {}, message: 'x' },
    { instancePath: '/note', keyword: 'anyOf', params: {}, message: 'must match a schema in anyOf' },
    { instancePath: '', keyword: 'x-max-extra-properties', params: { field: 'extra_20' }, message: 'at most 20 extra context fields are allowed (got 21)' },
    { instancePath: '', keyword: 'type', params: {}, message: undefined }
  ]), [
    { field: 'note', message: 'must be a string (≤ 200 characters, no control characters), a finite number, a boolean, or a list of at most 20 strings or numbers' },
    { field: 'extra_20', message: 'at most 20 extra context fields are allowed (got 21)' },
    { field: '(body)', message: 'is invalid' }
  ])
  t.equal(problemType(418), '/problems/error')
})

const JSON_HEADERS = { 'content-type': 'application/json' }

t.test('malformed JSON has its own documented type and no errors[]', async (t) => {
  const app = await build(t)
  for (const payload of ['{"amount_liters": ', '']) {
    const body = isProblem(t, await app.inject({ method: 'POST', url: '/water', payload, headers: JSON_HEADERS }), 400)
    t.equal(body.type, '/problems/malformed-json')
    t.notOk('errors' in body)
  }
  const syntax = (await app.inject({ method: 'POST', url: '/water', payload: '{"amount_liters": 2,}', headers: JSON_HEADERS })).json()
  t.equal(syntax.detail, 'The request body is not valid JSON (check quotes, commas and brackets)')
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.match(metrics, /errors_total\{type="malformed-json"\} 3/)
})

t.test('the API reference\'s error table (docs/api.md) lists exactly the problem types the code sends', async (t) => {
  const readme = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')
  const table = readme.slice(readme.indexOf('| status | `type` | when |'), readme.indexOf('A 5xx `detail` is always generic'))
  const documented = new Set([...table.matchAll(/`(\/problems\/[a-z-]+)`/g)].map((m) => m[1]))
  t.same([...documented].sort(), [...PROBLEM_TYPES].sort())
})

t.test('a missing or wrong Content-Type is a 415 that says to send application/json', async (t) => {
  const app = await build(t)
  const missing = isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: '{"amount_liters": 2}' }), 415)
  t.equal(missing.detail, 'The request has no Content-Type header; send the body as JSON with Content-Type: application/json')
  const form = isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: 'amount_liters=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415)
  t.equal(form.detail, 'Only JSON is accepted; send the body as JSON with Content-Type: application/json')
})

t.test('validation hints: units, near misses, empty and blank text', async (t) => {
  const app = await build(t)
  const post = async (url: string, payload: unknown) => (await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })).json()
  // amount_liters is 0 < x ≤ 10 litres (docs/api.md); 500 is millilitres sent by mistake.
  t.same((await post('/water', { amount_liters: 500 })).errors, [{ field: 'amount_liters', message: 'must be ≤ 10 (litres, not millilitres)' }])
  t.same((await post('/water', { amount_liters: 2, temperature: 86 })).errors, [{ field: 'temperature', message: 'must be ≤ 60 (°C, not °F)' }])
  t.same((await post('/water', { amount_liters: 0 })).errors, [{ field: 'amount_liters', message: 'must be > 0' }])
  const typo = await post('/water', { amount_litres: 2 })
  t.same(typo.errors, [{ field: 'amount_liters', message: 'is required; you sent amount_litres: did you mean amount_liters?' }])
  t.match(typo.detail, 'did you mean amount_liters?')
  t.same((await post('/water', { volume: 2 })).errors, [{ field: 'amount_liters', message: 'is required' }], 'no guess for an unrelated name')
  t.same((await post('/water', { amount_liters: 2, Weight_KG: 70 })).errors, [{ field: 'Weight_KG', message: 'is not a known field: did you mean weight_kg?' }])
  for (const food of ['', '   ', '\t\n']) {
    t.same((await post('/food', { food })).errors, [{ field: 'food', message: 'must not be empty or blank' }], JSON.stringify(food))
  }
  t.same((await post('/gym', { activity: 'run\u0000' })).errors, [{ field: 'activity', message: 'must not contain control characters' }])
})

t.test('problem documents stay within the Problem schema\'s bounds (openapi.yaml, checked by Spectral)', async (t) => {
  const app = await build(t)
  const longPath = `/${'p'.repeat(5000)}`
  const notFound = isProblem(t, await app.inject({ url: longPath }), 404)
  t.equal((notFound.detail as string).length, 3000, 'a 404 quoting a long path is clipped to maxLength 3000')
  t.ok((notFound.detail as string).endsWith('…'))
  const extra = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`Unknown-Field-${i}`, 1]))
  const invalid = isProblem(t, await app.inject({ method: 'POST', url: '/water', payload: { ...SEEDS.water, ...extra } }), 400)
  t.equal((invalid.errors as unknown[]).length, 50, 'at most 50 field errors (maxItems 50)')
})

t.test('an upstream Retry-After is capped at the day the spec documents', async (t) => {
  const gemini = await startFakeGemini({ kind: 'status', status: 429, retryDelay: '200000s' })
  t.teardown(() => gemini.close())
  const app = await build(t, geminiEnv(gemini.url, { AI_FALLBACK: 'none', AI_MAX_RETRIES: '0' }))
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  isProblem(t, res, 503)
  t.equal(res.headers['retry-after'], '86400')
})
