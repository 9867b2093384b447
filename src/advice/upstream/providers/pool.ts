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
 * A Response over a body already read whole. undici's Response wraps any
 * body in a web ReadableStream, and reading it back goes through that
 * stream: json() of a 600-byte reply took ~55 µs of CPU against ~4 µs here
 * (measured, Node 20), the largest single cost inside a provider call. The
 * provider contract tests run both SDKs through it, so an undici or SDK
 * change that reads a Response another way fails them. The SDKs call only text(), json() or
 * arrayBuffer() on a non-streaming reply, so those read the bytes directly;
 * `body` still gives a stream to any caller that asks for one.
 */
class BufferedResponse extends Response {
  readonly bytes: Uint8Array

  constructor (bytes: Uint8Array, init: ResponseInit) {
    super(null, init)
    this.bytes = bytes
  }
}
const decoder = new TextDecoder()
// On the prototype, not in the class body: the DOM typings declare these
// members as properties, which a subclass may not redefine as methods.
Object.defineProperties(BufferedResponse.prototype, {
  body: { get (this: BufferedResponse) { return this.bytes.byteLength === 0 ? null : new Blob([this.bytes]).stream() } },
  text: { async value (this: BufferedResponse) { return decoder.decode(this.bytes) } },
  json: { async value (this: BufferedResponse) { return JSON.parse(decoder.decode(this.bytes)) } },
  arrayBuffer: { async value (this: BufferedResponse) { return this.bytes.slice().buffer } }
})

/** Request headers as a plain object: an SDK hands over a Headers, a record or pairs. */
function headerRecord (headers: RequestInit['headers']): Dispatcher.RequestOptions['headers'] {
  if (headers === undefined) return {}
  return Object.fromEntries(headers instanceof Headers ? headers : new Headers(headers))
}

/** The request body as undici sends it: the SDKs send a JSON string, or none. */
function bodyOf (body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  throw new TypeError('pooledFetch sends a string or byte body only')
}

/**
 * A fetch for an SDK on undici's dispatcher API over a shared keep-alive
 * pool. undici's WHATWG fetch costs about twice the CPU per call (Request
 * objects, web streams); chat replies are small JSON, so the body is read
 * whole and handed back as a {@link BufferedResponse}. `seen`, when given,
 * receives the retry hint of an error response, for SDKs whose errors drop
 * the headers.
 */
export function pooledFetch (agent: Dispatcher, seen?: SeenHint) {
  return async function fetch (input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input)
    const res = await agent.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: init.method ?? 'GET',
      headers: headerRecord(init.headers),
      body: bodyOf(init.body),
      signal: init.signal ?? undefined
    })
    const bytes = new Uint8Array(await res.body.arrayBuffer())
    const headers: Array<[string, string]> = []
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.push([name, Array.isArray(value) ? value.join(', ') : value])
    }
    const response = new BufferedResponse(bytes, { status: res.statusCode, headers })
    if (seen !== undefined && res.statusCode >= 400) seen.retryAfterMs = retryHintMs((name) => response.headers.get(name))
    return response
  }
}
