import { Agent, type Dispatcher } from 'undici'
import { retryHintMs } from '../retry-hint.js'

/** What a pooled fetch saw of an error response: the wait it asked for. */
export interface SeenHint { retryAfterMs?: number }

/** One keep-alive connection pool per provider client, sized to the concurrency limit. */
export function createPool (maxConnections: number): Agent {
  return new Agent({
    connections: maxConnections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000
  })
}

/**
 * A fetch for an SDK on undici's dispatcher API over a shared keep-alive
 * pool. undici's WHATWG fetch costs about twice the CPU per call (Request
 * objects, web streams); chat replies are small JSON, so the body is read
 * whole and handed back as a plain Response. `seen`, when given, receives the
 * retry hint of an error response, for SDKs whose errors drop the headers.
 */
export function pooledFetch (agent: Dispatcher, seen?: SeenHint) {
  return async function fetch (input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input)
    const res = await agent.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: Object.fromEntries(new Headers(init.headers)),
      body: init.body as string | undefined,
      signal: init.signal ?? undefined
    })
    const body = await res.body.arrayBuffer()
    const headers = new Headers()
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    }
    if (seen !== undefined && res.statusCode >= 400) seen.retryAfterMs = retryHintMs((name) => headers.get(name))
    return new Response(res.statusCode === 204 ? null : body, { status: res.statusCode, headers })
  }
}
