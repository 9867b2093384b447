import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose'
import t, { type Test } from 'tap'
import { build } from '../helpers/build.js'
import { createDatabase, postgresMissing, startPostgres } from '../helpers/postgres-server.js'

const ISSUER = 'https://id.example.test/'
const AUDIENCE = 'health-tracker-api'

interface Signer { kid: string, alg: 'RS256' | 'ES256', privateKey: CryptoKey, jwk: JWK }

async function signer (kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg)
  return { kid, alg, privateKey, jwk: { ...await exportJWK(publicKey), kid, alg, use: 'sig' } }
}

const rsa = await signer('rsa-1')
const ec = await signer('ec-1', 'ES256')
// Same kid as rsa, another key: its signatures must fail.
const impostor = await signer('rsa-1')
const rotated = await signer('rsa-2')
const neverPublished = await signer('rsa-3')

interface TokenOptions { sub?: string | null, iss?: string, aud?: string, exp?: number | string, iat?: number }

/** A signed JWT; the defaults are valid for the app's JWT_ISSUER and JWT_AUDIENCE. */
async function jwt (key: Signer, opts: TokenOptions = {}): Promise<string> {
  const builder = new SignJWT({}).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(opts.iss ?? ISSUER).setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt(opts.iat).setExpirationTime(opts.exp ?? '5m')
  if (opts.sub !== null) builder.setSubject(opts.sub ?? 'user-1')
  return await builder.sign(key.privateKey)
}

interface Jwks { url: string, hits: () => number, publish: (keys: JWK[]) => void, stop: () => Promise<void> }

/** A JWKS endpoint on 127.0.0.1 that counts its fetches; stopped in teardown. */
async function startJwks (t: Test, keys: JWK[]): Promise<Jwks> {
  let published = keys
  let hits = 0
  const server: Server = createServer((req, res) => {
    hits++
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const stop = async () => {
    if (!server.listening) return
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  t.teardown(stop)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`, hits: () => hits, publish: (k) => { published = k }, stop }
}

const jwtEnv = (url: string, extra: Record<string, string> = {}) => ({ JWT_JWKS_URL: url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ...extra })

const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra })

/** Records the reason of every rejected bearer token the app logs (at info, with LOG_LEVEL silent the real logger writes nothing). */
function rejectionReasons (t: Test, app: FastifyInstance): string[] {
  const reasons: string[] = []
  const child = app.log.child.bind(app.log)
  t.capture(app.log, 'child', (...args: Parameters<typeof child>) => {
    const logger = child(...args)
    const info = logger.info.bind(logger)
    logger.info = ((obj: unknown, ...rest: unknown[]) => {
      if (rest[0] === 'bearer token rejected') reasons.push((obj as { reason: string }).reason)
      return (info as (...a: unknown[]) => void)(obj, ...rest)
    }) as typeof logger.info
    return logger
  })
  return reasons
}

function unauthorized (t: Test, res: LightMyRequestResponse, what: string): void {
  t.equal(res.statusCode, 401, what)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.headers['www-authenticate'], /^Bearer/)
  t.match(res.json(), { status: 401, detail: 'invalid bearer token' })
  t.notMatch(res.body, /expire|signature|issuer|audience|claim|ERR_|\bsub\b|\bkid\b|\n\s+at /i, `${what}: the reason is not in the answer`)
}

type Fresh = (t: Test, env: Record<string, string>) => Promise<FastifyInstance>

function logging (t: Test, fresh: Fresh): void {
  t.test('a valid JWT logs entries for its sub', async (t) => {
    const jwks = await startJwks(t, [rsa.jwk, ec.jwk])
    const app = await fresh(t, jwtEnv(jwks.url))
    const post = async (token: string, amount: number) => await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: amount, time: '2026-05-10T08:00:00Z' }, headers: bearer(token) })

    const first = await post(await jwt(rsa), 0.5)
    t.equal(first.statusCode, 200)
    t.match(first.json(), { entry_id: String, facts: { today: { water_l: 0.5, entries: 1 } } })
    const second = await post(await jwt(rsa, { iat: Math.floor(Date.now() / 1000) - 60 }), 0.25)
    t.match(second.json().facts.today, { water_l: 0.75, entries: 2 }, 'another token, the same sub, the same user')
    const es = await post(await jwt(ec), 0.25)
    t.equal(es.statusCode, 200, 'ES256 works too')
    t.equal(es.json().facts.today.entries, 3)

    const mine = await app.inject({ url: '/entries', headers: bearer(await jwt(rsa)) })
    t.equal(mine.json().items.length, 3)
    const other = bearer(await jwt(rsa, { sub: 'user-2' }))
    t.same((await app.inject({ url: '/entries', headers: other })).json(), { items: [], next_cursor: null }, 'another sub sees nothing')
    t.equal((await app.inject({ url: `/entries/${first.json().entry_id}`, headers: other })).statusCode, 404)
    t.equal(jwks.hits(), 1, 'the key set was fetched once and cached')

    // Without API_KEYS, a request with no bearer is stateless; the resources need a user.
    const stateless = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 2 } })
    t.equal(stateless.statusCode, 200)
    t.notOk('entry_id' in stateless.json())
    const anonymous = await app.inject({ url: '/entries' })
    t.equal(anonymous.statusCode, 401)
    t.match(anonymous.headers['content-type'], /^application\/problem\+json/)
    const withUser = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 }, headers: bearer(await jwt(rsa), { 'x-user-id': 'someone-else' }) })
    t.equal(withUser.statusCode, 400, 'X-User-Id together with a JWT')
    t.match(withUser.json(), { status: 400, detail: /X-User-Id/ })
    t.equal((await app.inject({ url: '/entries', headers: bearer(await jwt(rsa)) })).json().items.length, 3, 'the 400 stored nothing')
    // Tracking is on (JWT), but X-User-Id is for API-key callers and API_KEYS is not set.
    const keyless = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 }, headers: { 'x-user-id': 'ann' } })
    t.equal(keyless.statusCode, 400, 'X-User-Id without an API key')
    t.match(keyless.headers['content-type'], /^application\/problem\+json/)
    t.match(keyless.json().detail, /API_KEYS/, 'names the missing configuration')
    t.notMatch(keyless.json().detail, /tracking, which is off/, 'tracking is not off')
  })
}

t.test('SQLite (in memory)', async (t) => {
  logging(t, async (t, env) => await build(t, env))
})

t.test('PostgreSQL', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  logging(t, async (t, env) => await build(t, { DATABASE_URL: await createDatabase(pg.adminUrl, 'jwt'), ...env }))
})

t.test('rejected tokens are 401s; the reason is only logged', async (t) => {
  const jwks = await startJwks(t, [rsa.jwk, ec.jwk])
  const app = await build(t, jwtEnv(jwks.url))
  const reasons = rejectionReasons(t, app)
  const now = Math.floor(Date.now() / 1000)
  const hs256 = await new SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'))
  const cases: Array<[string, string, RegExp]> = [
    // Expired an hour ago: far past the verifier's 30 s clock tolerance.
    ['expired', await jwt(rsa, { iat: now - 7200, exp: now - 3600 }), /ERR_JWT_EXPIRED/],
    ['wrong signature', await jwt(impostor), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
    ['wrong issuer', await jwt(rsa, { iss: 'https://evil.example.test/' }), /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ['wrong audience', await jwt(rsa, { aud: 'another-api' }), /ERR_JWT_CLAIM_VALIDATION_FAILED/],
    ['no sub', await jwt(rsa, { sub: null }), /sub/],
    ['HS256', hs256, /ERR_JOSE_ALG_NOT_ALLOWED/],
    ['unsigned', new UnsecuredJWT({ sub: 'user-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).encode(), /./],
    ['not a JWT', 'abc.def.ghi', /./]
  ]
  for (const [what, token] of cases) {
    unauthorized(t, await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 }, headers: bearer(token) }), what)
  }
  t.equal(reasons.length, cases.length, 'one logged reason per rejected token')
  cases.forEach(([what, , reason], i) => t.match(reasons[i], reason, `${what} is logged as ${String(reason)}`))
  t.equal((await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 }, headers: bearer(await jwt(rsa)) })).statusCode, 200, 'a good token still passes')
})

t.test('with API_KEYS too: a key is a key, any other bearer is a JWT', async (t) => {
  const jwks = await startJwks(t, [rsa.jwk])
  const app = await build(t, jwtEnv(jwks.url, { API_KEYS: 'k1' }))
  const reasons = rejectionReasons(t, app)
  const post = async (headers: Record<string, string>) => await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 0.5, time: '2026-05-10T08:00:00Z' }, headers })

  const keyUser = await post(bearer('k1', { 'x-user-id': 'user-1' }))
  t.equal(keyUser.statusCode, 200)
  t.equal(keyUser.json().facts.today.entries, 1)
  const keyOnly = await post(bearer('k1'))
  t.equal(keyOnly.statusCode, 200)
  t.notOk('entry_id' in keyOnly.json(), 'a key without X-User-Id is stateless')
  t.equal(jwks.hits(), 0, 'an API key is never sent to JWT verification')

  const jwtUser = await post(bearer(await jwt(rsa, { sub: 'user-1' })))
  t.equal(jwtUser.statusCode, 200)
  t.equal(jwtUser.json().facts.today.entries, 1, "the JWT's user-1 is not the key's user-1")

  unauthorized(t, await post(bearer('k2')), 'a bearer that is no key')
  t.match(reasons, [/./], 'it was verified as a JWT and rejected')
  t.equal((await post({})).statusCode, 401, 'API_KEYS makes a bearer required')
  const both = await post(bearer(await jwt(rsa), { 'x-user-id': 'user-1' }))
  t.equal(both.statusCode, 400)
  t.match(both.headers['content-type'], /^application\/problem\+json/)
  t.match(both.json().detail, /X-User-Id/)
})

t.test('cached keys keep serving once the JWKS server is gone', async (t) => {
  // JWT_JWKS_REFRESH_S=10 is the shortest allowed. Without a clock the app
  // lets tests move, only the cached path (keys younger than 10 s) is covered
  // here, with no waiting; serving stale keys after a failed refresh is
  // unit-tested on createJwtVerifier with an injected clock.
  const jwks = await startJwks(t, [rsa.jwk])
  const app = await build(t, jwtEnv(jwks.url, { JWT_JWKS_REFRESH_S: '10' }))
  const first = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 0.5 }, headers: bearer(await jwt(rsa)) })
  t.equal(first.statusCode, 200)
  t.equal(jwks.hits(), 1)
  await jwks.stop()
  for (const sub of ['user-1', 'user-2', 'user-3']) {
    const res = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 0.5 }, headers: bearer(await jwt(rsa, { sub })) })
    t.equal(res.statusCode, 200, `${sub} verified from the cached keys`)
    t.type(res.json().entry_id, 'string')
  }
  t.equal(jwks.hits(), 1)
})

t.test('no JWKS reachable and no key cached: 503 with Retry-After', async (t) => {
  const jwks = await startJwks(t, [rsa.jwk])
  await jwks.stop()
  const app = await build(t, jwtEnv(jwks.url))
  const res = await app.inject({ url: '/entries', headers: bearer(await jwt(rsa)) })
  t.equal(res.statusCode, 503)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.equal(res.headers['retry-after'], '5')
  t.notMatch(res.body, /127\.0\.0\.1|ECONNREFUSED|jwks\.json/, 'neither the URL nor the cause is echoed')
  const stateless = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 } })
  t.equal(stateless.statusCode, 200, 'requests without a bearer still work')
})

t.test('a new kid prompts one refetch (key rotation)', async (t) => {
  const jwks = await startJwks(t, [rsa.jwk])
  const app = await build(t, jwtEnv(jwks.url))
  t.equal((await app.inject({ url: '/profile', headers: bearer(await jwt(rsa)) })).statusCode, 200)
  t.equal(jwks.hits(), 1)
  jwks.publish([rsa.jwk, rotated.jwk])
  const res = await app.inject({ url: '/profile', headers: bearer(await jwt(rotated)) })
  t.equal(res.statusCode, 200, 'a token of the rotated key is accepted')
  t.equal(jwks.hits(), 2, 'after exactly one refetch')
  t.equal((await app.inject({ url: '/profile', headers: bearer(await jwt(rotated)) })).statusCode, 200)
  t.equal(jwks.hits(), 2, 'then served from the cache')
  unauthorized(t, await app.inject({ url: '/profile', headers: bearer(await jwt(neverPublished)) }), 'a kid the JWKS never had')
})
