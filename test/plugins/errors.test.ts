import type { Test } from 'tap'
import t from 'tap'
import { build, SEEDS } from '../helpers/build.js'
import { fieldErrors, problemType } from '../../src/plugins/errors.js'

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
