import { SignJWT, UnsecuredJWT } from 'jose'
import t from 'tap'
import { build } from '../helpers/build.js'
import { AUDIENCE, bearer, ec, impostor, ISSUER, jwt, jwtEnv, logging, neverPublished, rejectionReasons, rotated, rsa, startJwks, unauthorized } from './auth-jwt.suite.js'

// PostgreSQL runs the logging suite in test/system/plugins/auth-jwt.test.ts.
t.test('SQLite (in memory)', async (t) => {
  logging(t, async (t, env) => await build(t, env))
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
  t.match(res.json(), { status: 503, type: '/problems/unavailable', title: 'Service Unavailable', detail: 'bearer tokens cannot be checked right now; retry shortly' })
  t.notMatch(res.body, /127\.0\.0\.1|ECONNREFUSED|jwks\.json/, 'neither the URL nor the cause is echoed')
  t.match((await app.inject({ url: '/metrics' })).body, 'errors_total{type="unavailable"} 1')
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
