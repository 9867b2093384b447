// The bench's baseline: bare node:http that parses each route's JSON, checks
// the one field the route requires (type and bounds, as the API schema does)
// and answers with a small JSON body; no framework, no advice.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const bad = (res: ServerResponse) => res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"status":400}')
const ok = (res: ServerResponse, message: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message, source: 'local', degraded: false }))
const text = (x: unknown, max: number): x is string => typeof x === 'string' && x.length > 0 && x.length <= max

const routes: Record<string, (body: Record<string, unknown>, res: ServerResponse) => void> = {
  '/water': (body, res) => {
    const a = body.amount_liters
    if (typeof a !== 'number' || !(a > 0 && a <= 10)) return bad(res)
    ok(res, `${Math.max(0, 1.8 - a).toFixed(1)} L to go today.`)
  },
  '/gym': (body, res) => {
    if (!text(body.activity, 100)) return bad(res)
    ok(res, `Logged ${body.activity}.`)
  },
  '/food': (body, res) => {
    if (!text(body.food, 500)) return bad(res)
    ok(res, `Logged ${body.food.length} characters of food.`)
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const route = routes[req.url ?? '']
    if (route === undefined) return res.writeHead(404).end()
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return bad(res)
    }
    if (typeof body !== 'object' || body === null) return bad(res)
    route(body as Record<string, unknown>, res)
  })
})
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
