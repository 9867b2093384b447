import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the fake answers. */
export type FakeMode =
  | { kind: 'ok', text?: string, delayMs?: number }
  | { kind: 'echo' }
  | { kind: 'status', status: number, retryDelay?: string, retryAfter?: string, perDay?: boolean }
  | { kind: 'bad_json' }
  | { kind: 'empty' }
  | { kind: 'safety', where?: 'prompt' | 'candidate' }
  | { kind: 'hang' }
  | { kind: 'flaky', failures: number, status?: number, text?: string }

/** A running fake Gemini API. */
export interface FakeGemini {
  url: string
  /** Requests received (generateContent calls). */
  calls: number
  inFlight: number
  maxInFlight: number
  /** Parsed request bodies, newest last. */
  bodies: Array<Record<string, unknown>>
  /** TCP connections accepted (keep-alive pooling keeps this low). */
  connections: number
  /** Request paths, newest last. */
  paths: string[]
  /** Request headers of the last call. */
  lastHeaders: IncomingMessage['headers'] | undefined
  setMode: (mode: FakeMode) => void
  reset: () => void
  close: () => Promise<void>
}

/** A reply in the shape of the Gemini REST API. */
export function geminiReply (text: string) {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 20, totalTokenCount: 140 },
    modelVersion: 'gemini-2.5-flash'
  }
}

function send (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

function errorBody (status: number, retryDelay?: string, perDay?: boolean) {
  const details: object[] = []
  if (retryDelay !== undefined) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay })
  if (perDay === true) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }] })
  }
  return { error: { code: status, message: `secret-upstream-text status ${status}`, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE', details } }
}

/** Starts a fake Gemini on 127.0.0.1; the real SDK talks to it over HTTP. */
export async function startFakeGemini (initial: FakeMode = { kind: 'ok' }): Promise<FakeGemini> {
  let mode = initial
  let flakyLeft = 0
  const hanging = new Set<ServerResponse>()
  const fake: FakeGemini = {
    url: '',
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    bodies: [],
    connections: 0,
    paths: [],
    lastHeaders: undefined,
    setMode: (m) => { mode = m; flakyLeft = m.kind === 'flaky' ? m.failures : 0 },
    reset: () => { fake.calls = 0; fake.maxInFlight = 0; fake.bodies = []; fake.paths = [] },
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  fake.setMode(initial)

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (!/:generateContent$/.test(req.url ?? '')) return send(res, 404, { error: { code: 404, message: 'not found' } })
      fake.calls++
      fake.inFlight++
      fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight)
      fake.lastHeaders = req.headers
      fake.paths.push(req.url ?? '')
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      fake.bodies.push(body)
      res.on('close', () => { fake.inFlight--; hanging.delete(res) })
      answer(res, body)
    })
  })

  function answer (res: ServerResponse, body: Record<string, unknown>) {
    const m = mode
    switch (m.kind) {
      case 'ok': {
        const reply = () => send(res, 200, geminiReply(m.text ?? 'Great job, keep sipping water steadily through the afternoon.'))
        if (m.delayMs !== undefined) setTimeout(reply, m.delayMs)
        else reply()
        return
      }
      case 'echo': {
        const contents = body.contents as Array<{ parts: Array<{ text: string }> }>
        return send(res, 200, geminiReply(contents[0].parts[0].text))
      }
      case 'status': {
        const headers: Record<string, string> = m.retryAfter === undefined ? {} : { 'retry-after': m.retryAfter }
        return send(res, m.status, errorBody(m.status, m.retryDelay, m.perDay), headers)
      }
      case 'bad_json': return send(res, 200, '{"candidates": [ {"content": ')
      case 'empty': return send(res, 200, { candidates: [], usageMetadata: { promptTokenCount: 10 } })
      case 'safety':
        return m.where === 'prompt'
          ? send(res, 200, { promptFeedback: { blockReason: 'SAFETY' } })
          : send(res, 200, { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }] }] })
      case 'hang':
        hanging.add(res)
        return
      case 'flaky':
        if (flakyLeft > 0) {
          flakyLeft--
          return send(res, m.status ?? 503, errorBody(m.status ?? 503))
        }
        return send(res, 200, geminiReply(m.text ?? 'Recovered answer: drink a glass of water now.'))
    }
  }

  server.on('connection', () => { fake.connections++ })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}
