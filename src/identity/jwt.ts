import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { createLocalJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import { JwksUnavailableError, TokenRejectedError } from '../tracking/errors.js'
import { asError, fieldOf, messageOf } from '../thrown.js'

/** What the verifier needs. */
export interface JwtVerifierOptions {
  jwksUrl: string
  issuer?: string
  audience?: string
  /** How long a fetched key set is used before it is fetched again. */
  refreshMs: number
  /** Timeout of one JWKS fetch. */
  timeoutMs: number
  now?: () => number
  onRefreshError?: (err: Error) => void
}

/** A JSON Web Key Set (RFC 7517 §5): a keys array, each key with its kty. */
const JwksBody = Type.Object({ keys: Type.Array(Type.Object({ kty: Type.String({ minLength: 1 }) })) })

/** Least time between two fetches prompted by an unknown `kid`, so forged kids cannot make us hammer the JWKS. */
const UNKNOWN_KID_COOLDOWN_MS = 30_000
/** Wait after a failed refresh while cached keys serve, so a down JWKS is not fetched (and waited on) for every token. */
const FAILED_REFRESH_RETRY_MS = 30_000

/**
 * Verifies RS256/ES256 JWTs against a JWKS URL and returns the subject.
 * jose's createRemoteJWKSet drops its keys once they are stale and a refetch
 * fails, which would turn a JWKS outage into rejected valid tokens; here the
 * last good key set keeps serving until a fetch succeeds. A token signed by an
 * unknown key prompts one refetch (key rotation), at most every 30 s.
 */
export function createJwtVerifier (options: JwtVerifierOptions): (token: string) => Promise<string> {
  const now = options.now ?? Date.now
  let keys: JWTVerifyGetKey | undefined
  let refreshAt = -Infinity
  let lastKidRefresh = -Infinity
  let inflight: Promise<void> | undefined

  async function fetchKeys (): Promise<void> {
    const response = await fetch(options.jwksUrl, { signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: 'application/json' } })
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`)
    const body: unknown = await response.json()
    // Each key's type is checked here; jose checks the rest of each key.
    if (!Value.Check(JwksBody, body)) throw new Error('JWKS has no keys array of keys with a kty')
    keys = createLocalJWKSet(body)
    refreshAt = now() + options.refreshMs
  }

  async function refresh (): Promise<void> {
    inflight ??= fetchKeys().finally(() => { inflight = undefined })
    try {
      await inflight
    } catch (err) {
      options.onRefreshError?.(asError(err))
      if (keys === undefined) throw new JwksUnavailableError()
      refreshAt = now() + Math.min(options.refreshMs, FAILED_REFRESH_RETRY_MS)
    }
  }

  /** The key set, refreshed first when due (or `now`); a refresh that leaves none throws JwksUnavailableError. */
  async function keySet (refreshNow = false): Promise<JWTVerifyGetKey> {
    if (refreshNow || keys === undefined || now() >= refreshAt) await refresh()
    // Unreached: refresh() itself throws while there is no key set; this tells TypeScript so.
    if (keys === undefined) throw new JwksUnavailableError()
    return keys
  }

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const current = await keySet()
    try {
      return await current(header, token)
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey) || now() - lastKidRefresh < UNKNOWN_KID_COOLDOWN_MS) throw err
      lastKidRefresh = now()
      return await (await keySet(true))(header, token)
    }
  }

  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256', 'ES256'],
        currentDate: new Date(now()),
        clockTolerance: 30
      })
      if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255) throw new TokenRejectedError('no usable sub claim')
      return payload.sub
    } catch (err) {
      if (err instanceof JwksUnavailableError || err instanceof TokenRejectedError) throw err
      const code = fieldOf(err, 'code')
      throw new TokenRejectedError(typeof code === 'string' ? code : messageOf(err))
    }
  }
}
