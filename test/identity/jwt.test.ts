import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose'
import t, { type Test } from 'tap'
import { JwksUnavailableError, TokenRejectedError } from '../../src/tracking/errors.js'
import { createJwtVerifier, type JwtVerifierOptions } from '../../src/identity/jwt.js'

const ISSUER = 'https://issuer.test/'
const AUDIENCE = 'health-tracker'
/** The fake clock starts at 2026-06-01T12:00:00Z. */
const T0 = Date.parse('2026-06-01T12:00:00Z')
const REFRESH_MS = 10 * 60_000

interface Key { kid: string, alg: 'RS256' | 'ES256', privateKey: CryptoKey, jwk: JWK }

async function makeKey (kid: string, alg: 'RS256' | 'ES256'): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair(alg)
  return { kid, alg, privateKey, jwk: { ...await exportJWK(publicKey), kid, alg, use: 'sig' } }
}

const keys = {
  rsa: await makeKey('rsa-1', 'RS256'),
  ec: await makeKey('ec-1', 'ES256'),
  // Another RSA key pair that claims rsa-1's kid (a forgery).
  impostor: await makeKey('rsa-1', 'RS256'),
  rotated: await makeKey('rsa-2', 'RS256')
}

type Mode = 'ok' | '500' | 'garbage' | 'no-keys' | 'hang'

/** A JWKS endpoint on 127.0.0.1: serves `published`, counts requests, can fail on demand. */
async function startJwks (t: Test, published: Key[]) {
  const state = { published, mode: 'ok' as Mode, requests: 0 }
  const server: Server = createServer((req, res) => {
    state.requests++
    if (state.mode === 'hang') {
      // Never answers; the verifier's own timeout must end the wait.
    } else if (state.mode === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('down')
    } else if (state.mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json')
    } else if (state.mode === 'no-keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":"none"}')
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.published.map((k) => k.jwk) }))
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    const done = once(server, 'close')
    server.close()
    // fetch keeps connections alive; drop them so close completes.
    server.closeAllConnections()
    await done
  }
  t.teardown(close)
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`, close }
}

/** A verifier on a fake clock that records refresh errors. */
function verifierFor (url: string, overrides: Partial<JwtVerifierOptions> = {}) {
  const clock = { now: T0 }
  const refreshErrors: Error[] = []
  const verify = createJwtVerifier({
    jwksUrl: url,
    issuer: ISSUER,
    audience: AUDIENCE,
    refreshMs: REFRESH_MS,
    timeoutMs: 2000,
    now: () => clock.now,
    onRefreshError: (err) => refreshErrors.push(err),
    ...overrides
  })
  return { verify, clock, refreshErrors }
}

/** A token signed by `key`, issued at `at` (ms), valid for an hour unless the claims say otherwise. */
async function sign (key: Key, claims: JWTPayload = {}, options: { at?: number, kid?: string | null } = {}) {
  const at = Math.floor((options.at ?? T0) / 1000)
  const header = options.kid === null ? { alg: key.alg } : { alg: key.alg, kid: options.kid ?? key.kid }
  return await new SignJWT({ sub: 'user-42', iss: ISSUER, aud: AUDIENCE, iat: at, exp: at + 3600, ...claims })
    .setProtectedHeader(header)
    .sign(key.privateKey)
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Asserts a rejection with TokenRejectedError and returns its reason. */
async function rejected (t: Test, promise: Promise<string>, what: string): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e)
  t.ok(err instanceof TokenRejectedError, `${what}: TokenRejectedError (got ${String(err)})`)
  return (err as Error | undefined)?.message ?? ''
}

t.test('valid RS256 and ES256 tokens give their sub', async (t) => {
  const jwks = await startJwks(t, [keys.rsa, keys.ec])
  const { verify } = verifierFor(jwks.url)
  t.equal(await verify(await sign(keys.rsa)), 'user-42')
  t.equal(await verify(await sign(keys.ec, { sub: 'ec-user' })), 'ec-user')
  t.equal(await verify(await sign(keys.rsa, {}, { kid: null })), 'user-42', 'a token without kid matches by algorithm')
  t.equal(jwks.state.requests, 1, 'the key set is fetched once and cached')
})

t.test('the key set is fetched again once refreshMs has passed', async (t) => {
  const jwks = await startJwks(t, [keys.rsa])
  const { verify, clock } = verifierFor(jwks.url)
  t.equal(await verify(await sign(keys.rsa)), 'user-42')
  clock.now = T0 + REFRESH_MS - 1
  t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
  t.equal(jwks.state.requests, 1, 'still fresh just before refreshMs')
  clock.now = T0 + REFRESH_MS
  t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
  t.equal(jwks.state.requests, 2, 'refetched at refreshMs')
})

t.test('tokens that must be refused', async (t) => {
  const jwks = await startJwks(t, [keys.rsa, keys.ec])
  const { verify } = verifierFor(jwks.url)
  // Prime the cache so the counts below show which cases refetch.
  await verify(await sign(keys.rsa))

  // Expired an hour ago (well beyond any clock tolerance).
  await rejected(t, verify(await sign(keys.rsa, { exp: Math.floor(T0 / 1000) - 3600, iat: Math.floor(T0 / 1000) - 7200 })), 'expired')
  // Not valid before an hour from now.
  await rejected(t, verify(await sign(keys.rsa, { nbf: Math.floor(T0 / 1000) + 3600 })), 'not yet valid')
  // Signed by another key that claims the published key's kid.
  await rejected(t, verify(await sign(keys.impostor)), 'wrong signature')
  // An ES256 signature presented as the RSA key's kid.
  await rejected(t, verify(await sign(keys.rsa, { iss: 'https://evil.test/' })), 'wrong issuer')
  await rejected(t, verify(await sign(keys.rsa, { aud: 'another-api' })), 'wrong audience')
  await rejected(t, verify(await sign(keys.rsa, { iss: undefined })), 'no issuer')
  t.equal(await rejected(t, verify(await sign(keys.rsa, { sub: undefined })), 'no sub'), 'no usable sub claim')
  t.equal(await rejected(t, verify(await sign(keys.rsa, { sub: '' })), 'empty sub'), 'no usable sub claim')
  t.equal(await rejected(t, verify(await sign(keys.rsa, { sub: 'x'.repeat(256) })), 'overlong sub'), 'no usable sub claim')

  // alg "none": an unsigned token naming a published kid.
  const payload = { sub: 'user-42', iss: ISSUER, aud: AUDIENCE, iat: Math.floor(T0 / 1000), exp: Math.floor(T0 / 1000) + 3600 }
  await rejected(t, verify(`${b64({ alg: 'none', kid: 'rsa-1' })}.${b64(payload)}.`), 'alg none')
  await rejected(t, verify(`${b64({ alg: 'none' })}.${b64(payload)}.`), 'alg none without kid')
  // HS256 with a shared secret: not an accepted algorithm.
  const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!')
  const hs = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(secret)
  await rejected(t, verify(hs), 'HS256')
  // HS256 keyed with the public RSA key's own bytes (the classic confusion attack).
  const confused = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
    .sign(new TextEncoder().encode(JSON.stringify(keys.rsa.jwk)))
  await rejected(t, verify(confused), 'HS256 keyed with the public key')
  await rejected(t, verify('not.a.jwt'), 'garbage')
  await rejected(t, verify(''), 'empty')

  t.equal(jwks.state.requests, 1, 'no refused token made the verifier refetch the key set')

  // An ES256 signature presented under the RSA key's kid: no cached key has
  // that kid and algorithm, so it counts as an unknown key (one refetch, then refused).
  await rejected(t, verify(await sign(keys.ec, {}, { kid: 'rsa-1' })), 'key of another type')
  t.equal(jwks.state.requests, 2)
})

t.test('an unknown kid refetches the key set (rotation) and then verifies', async (t) => {
  const jwks = await startJwks(t, [keys.rsa])
  const { verify, refreshErrors } = verifierFor(jwks.url)
  t.equal(await verify(await sign(keys.rsa)), 'user-42')
  t.equal(jwks.state.requests, 1)
  // The issuer rotates: rsa-2 is published, and a token signed with it arrives.
  jwks.state.published = [keys.rsa, keys.rotated]
  t.equal(await verify(await sign(keys.rotated, { sub: 'rotated-user' })), 'rotated-user')
  t.equal(jwks.state.requests, 2, 'exactly one refetch')
  t.equal(await verify(await sign(keys.rotated)), 'user-42')
  t.equal(jwks.state.requests, 2, 'the new key is now cached')
  t.same(refreshErrors, [])
})

t.test('forged unknown kids refetch at most once per 30 s', async (t) => {
  const jwks = await startJwks(t, [keys.rsa])
  const { verify, clock } = verifierFor(jwks.url)
  await verify(await sign(keys.rsa))
  t.equal(jwks.state.requests, 1)

  // A forger signs with keys nobody published, each with a new kid.
  const forged = async (n: number) => await sign(keys.impostor, {}, { kid: `forged-${n}`, at: clock.now })
  await rejected(t, verify(await forged(1)), 'forged-1')
  t.equal(jwks.state.requests, 2, 'the first unknown kid refetches once')
  for (let n = 2; n <= 5; n++) await rejected(t, verify(await forged(n)), `forged-${n}`)
  t.equal(jwks.state.requests, 2, 'more unknown kids at once do not refetch')
  clock.now = T0 + 29_999
  await rejected(t, verify(await forged(6)), 'forged-6 at 29.999 s')
  t.equal(jwks.state.requests, 2, 'not before 30 s')
  clock.now = T0 + 30_000
  await rejected(t, verify(await forged(7)), 'forged-7 at 30 s')
  t.equal(jwks.state.requests, 3, 'one more refetch once 30 s have passed')
  await rejected(t, verify(await forged(8)), 'forged-8')
  t.equal(jwks.state.requests, 3)
  t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42', 'genuine tokens still verify')
})

t.test('a JWKS outage after keys were cached keeps the last good keys', async (t) => {
  for (const failure of ['500', 'garbage', 'no-keys', 'closed'] as const) {
    t.test(failure, async (t) => {
      const jwks = await startJwks(t, [keys.rsa])
      const { verify, clock, refreshErrors } = verifierFor(jwks.url)
      t.equal(await verify(await sign(keys.rsa)), 'user-42')
      if (failure === 'closed') await jwks.close()
      else jwks.state.mode = failure
      clock.now = T0 + REFRESH_MS + 1
      t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42', 'a valid token still verifies')
      t.equal(refreshErrors.length, 1, 'onRefreshError was told')
      t.ok(refreshErrors[0] instanceof Error)
      if (failure !== 'closed') t.equal(jwks.state.requests, 2, 'the refresh was attempted')
      if (failure === '500') t.match(refreshErrors[0]?.message, /500/)
      if (failure === 'no-keys') t.match(refreshErrors[0]?.message, /keys/)
      await rejected(t, verify(await sign(keys.impostor, {}, { at: clock.now })), 'forged tokens are still refused')
    })
  }

  t.test('a down JWKS is retried every 30 s, not for every token', async (t) => {
    const jwks = await startJwks(t, [keys.rsa])
    const { verify, clock, refreshErrors } = verifierFor(jwks.url)
    await verify(await sign(keys.rsa))
    jwks.state.mode = '500'
    const failedAt = T0 + REFRESH_MS
    clock.now = failedAt
    t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
    t.equal(jwks.state.requests, 2, 'the due refresh was tried once')
    // Many tokens in the next 30 s: the cached keys answer, the JWKS is left alone.
    for (const offset of [1, 1000, 15_000, 29_999]) {
      clock.now = failedAt + offset
      t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
    }
    t.equal(jwks.state.requests, 2, 'no fetch within 30 s of the failure')
    t.equal(refreshErrors.length, 1)
    clock.now = failedAt + 30_000
    t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
    t.equal(jwks.state.requests, 3, 'retried after 30 s')
    t.equal(refreshErrors.length, 2)
    // Back up: the retry 30 s later succeeds, and the normal cadence resumes.
    jwks.state.mode = 'ok'
    clock.now = failedAt + 60_000
    t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
    t.equal(jwks.state.requests, 4)
    clock.now = failedAt + 60_000 + REFRESH_MS - 1
    t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
    t.equal(jwks.state.requests, 4, 'fresh for refreshMs after the successful fetch')
    t.equal(refreshErrors.length, 2)
  })

  t.test('the JWKS comes back: its new keys are used', async (t) => {
    const jwks = await startJwks(t, [keys.rsa])
    const { verify, clock, refreshErrors } = verifierFor(jwks.url)
    await verify(await sign(keys.rsa))
    jwks.state.mode = '500'
    clock.now = T0 + REFRESH_MS
    t.equal(await verify(await sign(keys.rsa, {}, { at: clock.now })), 'user-42')
    jwks.state.mode = 'ok'
    jwks.state.published = [keys.rotated]
    clock.now = T0 + 2 * REFRESH_MS
    t.equal(await verify(await sign(keys.rotated, {}, { at: clock.now })), 'user-42')
    await rejected(t, verify(await sign(keys.rsa, {}, { at: clock.now })), 'the withdrawn key')
    t.equal(refreshErrors.length, 1)
  })
})

t.test('a JWKS outage with no cached keys is JwksUnavailableError', async (t) => {
  for (const failure of ['500', 'garbage', 'no-keys', 'closed'] as const) {
    t.test(failure, async (t) => {
      const jwks = await startJwks(t, [keys.rsa])
      if (failure === 'closed') await jwks.close()
      else jwks.state.mode = failure
      const { verify, refreshErrors } = verifierFor(jwks.url)
      await t.rejects(verify(await sign(keys.rsa)), JwksUnavailableError)
      t.equal(refreshErrors.length, 1)
      if (failure !== 'closed') t.equal(jwks.state.requests, 1)
      // It comes back: the next token fetches and verifies.
      if (failure !== 'closed') {
        jwks.state.mode = 'ok'
        t.equal(await verify(await sign(keys.rsa)), 'user-42')
        t.equal(jwks.state.requests, 2)
      }
    })
  }

  t.test('hang: the fetch timeout ends the wait', async (t) => {
    const jwks = await startJwks(t, [keys.rsa])
    jwks.state.mode = 'hang'
    const { verify, refreshErrors } = verifierFor(jwks.url, { timeoutMs: 200 })
    await t.rejects(verify(await sign(keys.rsa)), JwksUnavailableError)
    t.equal(refreshErrors.length, 1)
    t.equal(refreshErrors[0]?.name, 'TimeoutError')
  })

  t.test('without onRefreshError', async (t) => {
    const jwks = await startJwks(t, [keys.rsa])
    jwks.state.mode = '500'
    const verify = createJwtVerifier({ jwksUrl: jwks.url, refreshMs: REFRESH_MS, timeoutMs: 2000 })
    await t.rejects(verify(await sign(keys.rsa, {}, { at: Date.now() })), JwksUnavailableError)
  })
})

t.test('concurrent verifications share one fetch', async (t) => {
  const jwks = await startJwks(t, [keys.rsa])
  const { verify } = verifierFor(jwks.url)
  const token = await sign(keys.rsa)
  t.same(await Promise.all([verify(token), verify(token), verify(token)]), ['user-42', 'user-42', 'user-42'])
  t.equal(jwks.state.requests, 1)
})

t.test('without issuer and audience options any iss and aud are accepted', async (t) => {
  const jwks = await startJwks(t, [keys.ec])
  const { verify } = verifierFor(jwks.url, { issuer: undefined, audience: undefined })
  t.equal(await verify(await sign(keys.ec, { iss: 'anyone', aud: 'anything' })), 'user-42')
})
