import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose'
import type { Test } from 'tap'

// Signers, a JWKS server and the logging suite: run on SQLite by auth-jwt.test.ts
// (npm test) and on PostgreSQL by test/system/plugins/auth-jwt.test.ts.
export const ISSUER = 'https://id.example.test/'
export const AUDIENCE = 'health-tracker-api'

interface Signer { kid: string, alg: 'RS256' | 'ES256', privateKey: CryptoKey, jwk: JWK }

async function signer (kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg)
  return { kid, alg, privateKey, jwk: { ...await exportJWK(publicKey), kid, alg, use: 'sig' } }
}

export const rsa = await signer('rsa-1')
export const ec = await signer('ec-1', 'ES256')
// Same kid as rsa, another key: its signatures must fail.
export const impostor = await signer('rsa-1')
export const rotated = await signer('rsa-2')
export const neverPublished = await signer('rsa-3')

interface TokenOptions { sub?: string | null, iss?: string, aud?: string, exp?: number | string, iat?: number }

/** A signed JWT; the defaults are valid for the app's JWT_ISSUER and JWT_AUDIENCE. */
export async function jwt (key: Signer, opts: TokenOptions = {}): Promise<string> {
  const builder = new SignJWT({}).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(opts.iss ?? ISSUER).setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt(opts.iat).setExpirationTime(opts.exp ?? '5m')
  if (opts.sub !== null) builder.setSubject(opts.sub ?? 'user-1')
  return await builder.sign(key.privateKey)
}

interface Jwks { url: string, hits: () => number, publish: (keys: JWK[]) => void, stop: () => Promise<void> }

/** A JWKS endpoint on 127.0.0.1 that counts its fetches; stopped in teardown. */
export async function startJwks (t: Test, keys: JWK[]): Promise<Jwks> {
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

export const jwtEnv = (url: string, extra: Record<string, string> = {}) => ({ JWT_JWKS_URL: url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ...extra })

export const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra })

/** Records the reason of every rejected bearer token the app logs (at info, with LOG_LEVEL silent the real logger writes nothing). */
export function rejectionReasons (t: Test, app: FastifyInstance): string[] {
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

export function unauthorized (t: Test, res: LightMyRequestResponse, what: string): void {
  t.equal(res.statusCode, 401, what)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.headers['www-authenticate'], /^Bearer/)
  t.match(res.json(), { status: 401, detail: 'invalid bearer token' })
  t.notMatch(res.body, /expire|signature|issuer|audience|claim|ERR_|\bsub\b|\bkid\b|\n\s+at /i, `${what}: the reason is not in the answer`)
}

type Fresh = (t: Test, env: Record<string, string>) => Promise<FastifyInstance>

export function logging (t: Test, fresh: Fresh): void {
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
