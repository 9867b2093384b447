// Baseline for scenario B: bare node:http that parses and checks the same
// JSON as POST /water (type and bounds of amount_liters), with no framework.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    let body: { amount_liters?: unknown }
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"status":400}')
      return
    }
    const a = body.amount_liters
    if (typeof a !== 'number' || !(a > 0 && a <= 10)) {
      res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"status":400}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `${Math.max(0, 1.8 - a).toFixed(1)} L to go today.`, source: 'local', degraded: false }))
  })
})
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
