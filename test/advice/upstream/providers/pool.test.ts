import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { createPool, pooledFetch, type SeenHint } from '../../../../src/advice/upstream/providers/pool.js'

// The pooled fetch stands in for WHATWG fetch under both SDKs: what an SDK
// reads of a Response (status, headers, text, json, arrayBuffer, body) must
// be what the server sent, byte for byte.

interface Seen { method?: string, url?: string, headers?: IncomingHttpHeaders, body?: string }

async function server (t: Test, reply: (res: ServerResponse) => void) {
  const seen: Seen = {}
  const srv = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => { body += c })
    req.on('end', () => {
      Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body })
      reply(res)
    })
  })
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const agent = createPool(2)
  t.teardown(async () => {
    await agent.close()
    await new Promise((resolve) => srv.close(resolve))
  })
  return { origin: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, agent, seen }
}

t.test('sends the method, path, query, headers and body it is given', async (t) => {
  const { origin, agent, seen } = await server(t, (res) => res.end('{}'))
  const fetch = pooledFetch(agent)
  for (const headers of [new Headers({ 'x-goog-api-key': 'k1' }), [['x-goog-api-key', 'k1']] as Array<[string, string]>, { 'x-goog-api-key': 'k1' }]) {
    await fetch(`${origin}/v1beta/models/m:generateContent?alt=json`, { method: 'POST', headers, body: '{"a":1}' })
    t.equal(seen.method, 'POST')
    t.equal(seen.url, '/v1beta/models/m:generateContent?alt=json')
    t.equal(seen.headers?.['x-goog-api-key'], 'k1')
    t.equal(seen.body, '{"a":1}')
  }
  await fetch(`${origin}/bytes`, { method: 'POST', body: new TextEncoder().encode('{"b":2}') })
  t.equal(seen.body, '{"b":2}', 'a byte body is sent as it is')
  await t.rejects(fetch(`${origin}/form`, { method: 'POST', body: new URLSearchParams({ a: '1' }) }), TypeError, 'a body the SDKs never send is refused, not sent wrong')
  await fetch(new URL(`${origin}/plain`))
  t.equal(seen.method, 'GET', 'GET when no method is given')
  t.equal(seen.url, '/plain')
})

t.test('a reply reads back as text, json, arrayBuffer and a body stream, with its status and headers', async (t) => {
  const sent = '{"candidates":[{"content":{"parts":[{"text":"Drink ½ L more — café"}]}}]}'
  const { origin, agent } = await server(t, (res) => {
    res.setHeader('content-type', 'application/json')
    res.setHeader('set-cookie', ['a=1', 'b=2'])
    res.end(sent)
  })
  const fetch = pooledFetch(agent)
  const res = await fetch(`${origin}/x`, { method: 'POST', body: '{}' })
  t.equal(res.status, 200)
  t.equal(res.ok, true)
  t.equal(res.headers.get('content-type'), 'application/json')
  t.equal(res.headers.get('set-cookie'), 'a=1, b=2', 'a repeated header is joined as fetch joins it')
  t.equal(await res.text(), sent)
  t.same(await res.json(), JSON.parse(sent))
  t.equal(Buffer.from(await res.arrayBuffer()).toString('utf8'), sent)
  t.equal(Buffer.from(await new Response(res.body).arrayBuffer()).toString('utf8'), sent, 'the body stream carries the same bytes')
})

t.test('malformed JSON rejects with a SyntaxError, as fetch does', async (t) => {
  const { origin, agent } = await server(t, (res) => res.end('{"candidates":'))
  const res = await pooledFetch(agent)(`${origin}/x`)
  await t.rejects(res.json(), SyntaxError)
})

t.test('an empty reply has no body', async (t) => {
  const { origin, agent } = await server(t, (res) => { res.statusCode = 204; res.end() })
  const res = await pooledFetch(agent)(`${origin}/x`)
  t.equal(res.status, 204)
  t.equal(res.body, null)
  t.equal(await res.text(), '')
})

t.test('an error reply hands its Retry-After to `seen`', async (t) => {
  const { origin, agent } = await server(t, (res) => { res.statusCode = 429; res.setHeader('retry-after', '7'); res.end('{"error":{}}') })
  const seen: SeenHint = {}
  const res = await pooledFetch(agent, seen)(`${origin}/x`)
  t.equal(res.status, 429)
  t.equal(res.ok, false)
  t.equal(seen.retryAfterMs, 7000)
})
