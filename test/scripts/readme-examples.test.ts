import { readFileSync } from 'node:fs'
import t from 'tap'
import { documents, findExamples, formatJson, parseCurl, replayExamples, rewriteExamples, shellWords } from '../../scripts/replay-docs.js'

const root = new URL('../../', import.meta.url)

// Each documented answer is replayed against the app; none is skipped or
// trimmed. Timestamps and ids match because the replay freezes the clock and
// counts UUIDs (scripts/replay-docs.ts), not because they are left out.
for (const path of documents(root)) {
  const examples = findExamples(readFileSync(new URL(path, root), 'utf8'))
  if (examples.length === 0) continue
  t.test(`${path}: every example answer is what the app answers today (run \`npm run readme:examples\` when this fails)`, async (t) => {
    const answers = await replayExamples(examples)
    for (const [i, example] of examples.entries()) {
      t.strictSame(answers[i], JSON.parse(example.json.text), `${path}:${example.line} ${example.request.method} ${example.request.url}`)
    }
  })
}

t.test('the README shows a water, a gym and a food answer', async (t) => {
  const examples = findExamples(readFileSync(new URL('README.md', root), 'utf8'))
  t.same(examples.map((e) => `${e.request.method} ${e.request.url}`).slice(0, 3), ['POST /water', 'POST /gym', 'POST /food'])
})

t.test('curl commands become inject options', async (t) => {
  t.same(shellWords('curl -s "a b" c\\ d \'e "f"\' \\\n  g'), ['curl', '-s', 'a b', 'c d', 'e "f"', 'g'])
  t.same(parseCurl('curl -s -X PUT http://localhost:8000/profile -H \'X-User-Id: alice\' -d \'{"weight_kg": 70}\''),
    { method: 'PUT', url: '/profile', headers: { 'x-user-id': 'alice' }, payload: '{"weight_kg": 70}' })
  t.same(parseCurl('curl --silent localhost:8000/summary?date=2024-06-01'), { method: 'GET', url: '/summary?date=2024-06-01', headers: {} })
  t.same(parseCurl('curl localhost:8000/water --data 1').method, 'POST', 'a body without -X is a POST, as curl sends it')
  t.throws(() => parseCurl('wget localhost:8000/health'), /not a curl command/)
  t.throws(() => parseCurl('curl -i localhost:8000/health'), /unsupported curl argument -i/)
  t.throws(() => parseCurl('curl -s example.com/health'), /unsupported curl argument example.com/)
  t.throws(() => parseCurl('curl -s'), /no localhost:8000 URL/)
  t.throws(() => shellWords('curl \'open'), /unclosed '/)
})

t.test('an example is a lone curl block followed by a json block; a start line sets the server it runs against', async (t) => {
  const doc = [
    '```sh', 'npm ci && npm start', '```',
    '```sh', 'curl -s localhost:8000/health', '```', '```json', '{"a": 1}', '```',
    'no json after this one:', '```sh', 'curl -s localhost:8000/ready', '```', 'text', '```json', '{}', '```',
    '```sh', 'API_KEYS=dev-key LOG_LEVEL=warn npm start', '```',
    '```sh', 'curl -s localhost:8000/profile -H \'authorization: Bearer dev-key\'', '```', '', '```json', '{}', '```',
    '```sh', 'curl -s api:8000/health', '```', '```json', '{}', '```', ''
  ].join('\n')
  const examples = findExamples(doc)
  t.same(examples.map((e) => [e.line, e.request.url, e.env]), [[4, '/health', {}], [21, '/profile', { API_KEYS: 'dev-key', LOG_LEVEL: 'warn' }]])
  t.equal(examples[0].json.text, '{"a": 1}\n')
  const answers = await replayExamples(examples)
  t.equal((answers[0] as { status: string }).status, 'healthy')
  // Without API_KEYS the tracking routes are not served (404); with them, a key without X-User-Id is a 401.
  t.match(answers[1], { status: 401, detail: 'this route needs a user: an API key with X-User-Id, or a JWT' }, 'the second server has the documented API key')
  const rewritten = rewriteExamples(doc, examples, [{ b: 2 }, { c: [1, 2] }])
  t.same(findExamples(rewritten).map((e) => JSON.parse(e.json.text)), [{ b: 2 }, { c: [1, 2] }])
  await t.rejects(replayExamples(findExamples('```sh\ncurl -s localhost:8000/metrics\n```\n```json\n{}\n```\n')), /not JSON/)
  const gemini = '```sh\nGEMINI_API_KEY=your-key npm start\n```\n```sh\ncurl -s localhost:8000/health\n```\n```json\n{}\n```\n'
  await t.rejects(replayExamples(findExamples(gemini)), /line 4: examples run on the local advisor, but the server before it sets GEMINI_API_KEY/)
})

t.test('answers are written one line per value that fits in 100 columns', async (t) => {
  t.equal(formatJson({ a: 1, b: [1, 2] }), '{"a":1,"b":[1,2]}')
  const long = { message: 'x'.repeat(90), list: ['y'.repeat(60), 'z'.repeat(60)], n: null }
  t.equal(formatJson(long), [
    '{',
    `  "message": "${'x'.repeat(90)}",`,
    '  "list": [',
    `    "${'y'.repeat(60)}",`,
    `    "${'z'.repeat(60)}"`,
    '  ],',
    '  "n": null',
    '}'
  ].join('\n'))
})
