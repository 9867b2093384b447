import { readFileSync } from 'node:fs'
import t from 'tap'
import { parse } from 'yaml'
import { recordExamples } from '../../scripts/record-examples.js'

const committed = JSON.parse(readFileSync(new URL('../../schemas/examples.json', import.meta.url), 'utf8'))
const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'))
const METHODS = ['get', 'put', 'post', 'delete', 'patch']

// One recording serves both tests: it starts four apps and a fake Gemini, and freezes the clock and
// ids while it runs, so it starts with the first test, never while another file's tests run.
let recording: ReturnType<typeof recordExamples> | undefined
const recorded = async () => await (recording ??= recordExamples())

t.test('schemas/examples.json is what the app answers today (run `npm run examples` when this fails)', async (t) => {
  const { examples } = await recorded()
  t.same(examples, committed)
})

t.test('every header the spec declares on a response is one the app sent on that response', async (t) => {
  const { headers } = await recorded()
  let checked = 0
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, { operationId: string, responses: Record<string, { headers?: object }> }>>)) {
    for (const method of METHODS.filter((m) => item[m] !== undefined)) {
      const op = item[method]
      for (const [status, response] of Object.entries(op.responses)) {
        const declared = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase())
        const sent = headers[op.operationId]?.[status]
        t.ok(sent, `${method.toUpperCase()} ${path} ${status} was recorded`)
        for (const name of declared) {
          t.ok(sent?.includes(name), `${method.toUpperCase()} ${path} ${status} sends ${name}`)
          checked++
        }
      }
    }
  }
  t.ok(checked > 100, `${checked} declared headers checked`)
})
