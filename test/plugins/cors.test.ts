import t from 'tap'
import { build } from '../helpers/build.js'

const preflight = (origin: string) => ({
  method: 'OPTIONS' as const,
  url: '/water',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' }
})

t.test('default * allows any origin and never sends credentials', async (t) => {
  const app = await build(t)
  const res = await app.inject(preflight('https://app.example'))
  t.equal(res.statusCode, 204)
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.notOk(res.headers['access-control-allow-credentials'])
  t.match(res.headers['access-control-allow-methods'], 'POST')
})

t.test('an allowlist admits listed origins with credentials and refuses others', async (t) => {
  const app = await build(t, { CORS_ORIGINS: 'https://app.example, https://admin.example' })
  const allowed = await app.inject(preflight('https://admin.example'))
  t.equal(allowed.headers['access-control-allow-origin'], 'https://admin.example')
  t.equal(allowed.headers['access-control-allow-credentials'], 'true')
  t.match(allowed.headers['access-control-allow-headers'], /authorization/i)
  const refused = await app.inject(preflight('https://evil.example'))
  t.notOk(refused.headers['access-control-allow-origin'])
  t.notOk(refused.headers['access-control-allow-credentials'])
})

t.test('a list containing * still means any origin without credentials', async (t) => {
  const app = await build(t, { CORS_ORIGINS: 'https://app.example,*' })
  const res = await app.inject(preflight('https://x.example'))
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.notOk(res.headers['access-control-allow-credentials'])
})
