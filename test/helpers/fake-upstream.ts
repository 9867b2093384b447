import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What every fake upstream records; the provider-specific fakes add their modes. */
export interface FakeUpstream<Mode> {
  url: string
  /** Requests received on the API route. */
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
  setMode: (mode: Mode) => void
  reset: () => void
  close: () => Promise<void>
}

/** Writes a JSON (or raw text) response. */
export function send (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

/** How a fake answers one call on its route; `hang` keeps the response open until the fake closes. */
export type Answer<Mode> = (res: ServerResponse, body: Record<string, unknown>, mode: Mode, hang: () => void) => void

/** Starts a fake upstream on 127.0.0.1 that answers `route` with `answer` and 404s anything else. */
export async function startFakeUpstream<Mode> (route: RegExp, initial: Mode, answer: Answer<Mode>, onMode: (mode: Mode) => void = () => {}): Promise<FakeUpstream<Mode>> {
  let mode = initial
  const hanging = new Set<ServerResponse>()
  const fake: FakeUpstream<Mode> = {
    url: '',
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    bodies: [],
    connections: 0,
    paths: [],
    lastHeaders: undefined,
    setMode: (m) => { mode = m; onMode(m) },
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
      if (!route.test(req.url ?? '')) return send(res, 404, { error: { code: 404, message: 'not found' } })
      fake.calls++
      fake.inFlight++
      fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight)
      fake.lastHeaders = req.headers
      fake.paths.push(req.url ?? '')
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      fake.bodies.push(body)
      res.on('close', () => { fake.inFlight--; hanging.delete(res) })
      answer(res, body, mode, () => hanging.add(res))
    })
  })

  server.on('connection', () => { fake.connections++ })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}
