import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import corpus from './injection-corpus.json' with { type: 'json' }
import { build } from '../helpers/build.js'
import { FAKE_PROVIDERS, type FakeProvider, type SharedMode } from '../helpers/fake-providers.js'
import type { FakeUpstream } from '../helpers/fake-upstream.js'

interface Attack { category: string, text: string }
type Route = 'water' | 'gym' | 'food'

const attacks: Attack[] = corpus.attacks

/** Where an attack goes: the fields a user types free text into, on every route. */
const PLACEMENTS: Array<{ route: Route, field: string, body: (attack: string) => Record<string, unknown> }> = [
  { route: 'water', field: 'note', body: (a) => ({ amount_liters: 1.5, note: a }) },
  { route: 'gym', field: 'activity', body: (a) => ({ activity: a, duration_minutes: 30 }) },
  { route: 'gym', field: 'note', body: (a) => ({ activity: 'running', duration_minutes: 30, note: a }) },
  { route: 'food', field: 'food', body: (a) => ({ food: a, meal: 'lunch' }) },
  { route: 'food', field: 'note', body: (a) => ({ food: 'oatmeal with berries', note: a }) }
]

const WORD_LIMIT = 25
/** What a plain, safe message never carries; each is [name, pattern]. */
const UNSAFE: Array<[string, RegExp]> = [
  ['URL', /https?:|\/\/|www\./i],
  // A dotted name with a path, or with a top-level domain a linkifier knows (not "process.env").
  ['bare domain', /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,24}\/|(?:com|org|net|io|ai|co|info|biz|xyz|me|app|dev|health|example|ru|cn|de|fr|uk|eu|top|site|online|shop|tk)\b)/i],
  ['bold', /\*\*|__/],
  ['markdown link', /\[[^\]]*\]\(/],
  ['backtick', /`/],
  ['heading', /(^|\n)\s*#{1,6}\s/],
  ['HTML tag', /<\/?[a-z][^>]*>/i],
  ['delimiter', /<<<|>>>|DATA>>>|<<<DATA|<\/data>/i]
]

function unsafeParts (message: string): string[] {
  const found = UNSAFE.filter(([, re]) => re.test(message)).map(([name]) => name)
  if (message.split(/\s+/).filter((w) => w !== '').length > WORD_LIMIT) found.push('over 25 words')
  return found
}

/** `ai_fallbacks_total` by reason (summed over from and to), read from /metrics. */
async function fallbacks (app: FastifyInstance): Promise<Map<string, number>> {
  const text = (await app.inject({ url: '/metrics' })).body
  const found = new Map<string, number>()
  for (const m of text.matchAll(/^ai_fallbacks_total\{reason="([^"]+)"[^}]*\} (\d+)/gm)) found.set(m[1], (found.get(m[1]) ?? 0) + Number(m[2]))
  return found
}

/** The JSON-escaped form the data block carries: quotes and control characters escaped, then <, > and &. */
function escapedInBlock (s: string): string {
  return JSON.stringify(s).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

/** Whether the request the fake received carries the attack only inside the user turn's data block, escaped. */
function promptKeepsAttackInBlock (provider: FakeProvider, fake: FakeUpstream<SharedMode>, attack: string): boolean {
  const { system, user } = provider.turns(fake.bodies.at(-1) as Record<string, unknown>)
  const open = user.indexOf('<<<DATA\n')
  const close = user.lastIndexOf('\nDATA>>>')
  const block = user.slice(open + '<<<DATA\n'.length, close)
  const outside = user.slice(0, open) + user.slice(close + '\nDATA>>>'.length)
  const ok = open >= 0 && close > open &&
    user.indexOf('<<<DATA') === open && user.indexOf('DATA>>>') === close + 1 &&
    !/[<>]/.test(block) &&
    block.includes(escapedInBlock(attack)) &&
    !outside.includes(attack) && !outside.includes(escapedInBlock(attack)) &&
    !system.includes(attack) && !system.includes(escapedInBlock(attack)) &&
    (!/[<>\n"\\&]/.test(attack) || !user.includes(attack))
  return ok
}

interface Tally { total: number, source: Record<string, number>, reason: Record<string, number> }
const bump = (r: Record<string, number>, k: string) => { r[k] = (r[k] ?? 0) + 1 }

async function runMode (t: Test, provider: FakeProvider, mode: 'echo' | 'ok') {
  const fake = await provider.start({ kind: 'echo' })
  t.teardown(() => fake.close())
  const app = await build(t, provider.env(fake.url, { AI_MAX_RETRIES: '0', MAX_EVENT_LOOP_DELAY_MS: '0' }))
  const tallies = new Map<string, Tally>()
  const unsafe: string[] = []
  let before = await fallbacks(app)
  // Every check of every case; each failed check is listed by its case, and
  // the list is asserted empty once (hundreds of cases, several checks each).
  const failed: string[] = []
  const check = (ok: boolean, what: string) => { if (!ok) failed.push(what) }
  let cases = 0
  for (const attack of attacks) {
    const tally = tallies.get(attack.category) ?? { total: 0, source: {}, reason: {} }
    tallies.set(attack.category, tally)
    const fakeMode: SharedMode = mode === 'echo' ? { kind: 'echo' } : { kind: 'ok', text: attack.text }
    fake.setMode(fakeMode)
    for (const place of PLACEMENTS) {
      const label = `${provider.name} ${mode} ${attack.category} /${place.route}.${place.field} ${JSON.stringify(attack.text).slice(0, 50)}`
      const calls = fake.calls
      const res = await app.inject({ method: 'POST', url: `/${place.route}`, payload: place.body(attack.text) })
      cases++
      check(res.statusCode === 200, `${label}: ${res.statusCode}, not 200`)
      const body = res.json()
      const problems = unsafeParts(body.message)
      if (problems.length > 0) unsafe.push(`${label}: ${problems.join(', ')} in ${JSON.stringify(body.message)}`)
      check(problems.length === 0, `${label}: not a plain message (${problems.join(', ')})`)
      tally.total++
      bump(tally.source, body.degraded === true ? `${body.source} (degraded)` : body.source)

      const after = await fallbacks(app)
      const reasons = [...after].filter(([k, v]) => v > (before.get(k) ?? 0)).map(([k]) => k)
      before = after
      for (const r of reasons) bump(tally.reason, r)
      if (mode === 'echo') {
        check(body.source === 'local', `${label}: echoed prompt not rejected (source ${body.source})`)
        check(body.degraded === true, `${label}: not degraded`)
        check(reasons.length === 1 && ['guard', 'numbers'].includes(reasons[0]), `${label}: fallback reason ${reasons.join(',')}`)
      } else {
        check(body.source === provider.name ? body.degraded === false : body.source === 'local' && body.degraded === true, `${label}: source ${body.source} and degraded ${body.degraded} disagree`)
        check(reasons.every((r) => ['guard', 'numbers'].includes(r)), `${label}: not only guard reasons (${reasons.join(',')})`)
      }
      // A cached answer makes no call; a fresh one shows us the prompt.
      if (fake.calls > calls) check(promptKeepsAttackInBlock(provider, fake, attack.text), `${label}: attack outside the escaped data block`)
    }
  }
  t.equal(cases, attacks.length * PLACEMENTS.length, 'every attack in every placement')
  t.same(failed, [], 'every case: 200, a plain message, and the source, degraded flag, fallback reason and prompt checks hold')
  for (const [category, tally] of tallies) {
    t.comment(`${provider.name} ${mode} ${category}: ${tally.total} cases; source ${JSON.stringify(tally.source)}; fallback reasons ${JSON.stringify(tally.reason)}`)
  }
  for (const line of unsafe) t.comment(`UNSAFE ${line}`)
}

t.test('the corpus covers every category with at least 30 strings', async (t) => {
  t.ok(attacks.length >= 30)
  const categories = new Set(attacks.map((a) => a.category))
  t.same([...categories].sort(), ['delimiter', 'exfiltration', 'non-english', 'override', 'roleplay', 'smuggling'])
  for (const a of attacks) t.ok([...a.text].length <= 100, `fits /gym activity: ${a.text.slice(0, 30)}`)
})

for (const provider of FAKE_PROVIDERS) {
  t.test(`${provider.name}, echo mode: the model repeats the whole prompt, and the guards reject it`, async (t) => {
    await runMode(t, provider, 'echo')
  })

  t.test(`${provider.name}, attack as the reply: whatever passes is plain, short and link-free`, async (t) => {
    await runMode(t, provider, 'ok')
  })
}
