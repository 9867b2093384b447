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

t.test('a browser app may use the tracking routes and MCP: their methods and headers pass the preflight', async (t) => {
  const app = await build(t, { CORS_ORIGINS: 'https://app.example' })
  const cases = [
    { method: 'DELETE', url: '/entries/0b7e8f8e-0000-4000-8000-000000000000', headers: 'authorization,x-user-id' },
    { method: 'PUT', url: '/profile', headers: 'authorization,x-user-id,content-type' },
    { method: 'POST', url: '/water', headers: 'authorization,x-user-id,idempotency-key,content-type' },
    { method: 'POST', url: '/mcp', headers: 'authorization,content-type,mcp-protocol-version' }
  ]
  for (const c of cases) {
    const res = await app.inject({ method: 'OPTIONS', url: c.url, headers: { origin: 'https://app.example', 'access-control-request-method': c.method, 'access-control-request-headers': c.headers } })
    t.equal(res.statusCode, 204, `${c.method} ${c.url}`)
    t.equal(res.headers['access-control-allow-origin'], 'https://app.example')
    const methods = String(res.headers['access-control-allow-methods']).split(/,\s*/)
    t.ok(methods.includes(c.method), `${c.method} is allowed`)
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)
    for (const header of c.headers.split(',')) t.ok(allowed.includes(header), `${header} may be sent to ${c.url}`)
  }
  const answer = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://app.example' } })
  t.match(String(answer.headers['access-control-expose-headers']).toLowerCase(), 'idempotent-replayed', 'a replay is visible to the script')
})
