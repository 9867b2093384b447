import { createServer } from 'node:net'
import t, { type Test } from 'tap'
import { ProviderError } from '../../../../src/advice/upstream/errors.js'
import { createGeminiProvider } from '../../../../src/advice/upstream/providers/gemini.js'
import { createOpenAIProvider } from '../../../../src/advice/upstream/providers/openai.js'
import type { AdviceProvider, ProviderRequest } from '../../../../src/advice/types.js'
import { FAKE_PROVIDERS } from '../../../helpers/fake-providers.js'
import { waitFor } from '../../../helpers/wait-for.js'

// What every provider must do alike over the network, whatever its SDK: the
// upstream path (resilience.ts) reads these outcomes and nothing else.

const request: ProviderRequest = {
  topic: 'water',
  entry: { amount_liters: 1 },
  context: {},
  facts: { intake_l: 1, target_l: 1.8, remaining_l: 0.8, basis: 'x', baseline_l: 1.8, exercise_extra_l: 0, heat_extra_l: 0, warnings: [], notes: [], sources: [] }
}

/** The real provider client pointed at a fake's origin, with a pool of maxConnections. */
const CREATE: Record<string, (origin: string, maxConnections?: number) => AdviceProvider> = {
  gemini: (origin, maxConnections = 4) => createGeminiProvider({ apiKey: 'k', model: 'gemini-2.5-flash', baseUrl: origin, maxConnections }),
  openai: (origin, maxConnections = 4) => createOpenAIProvider({ baseUrl: `${origin}/v1`, model: 'm', timeoutMs: 60_000, maxConnections })
}

const never = () => new AbortController().signal

/** A fake that holds every call open. */
async function hanging (t: Test, name: string) {
  const fake = await FAKE_PROVIDERS.find((p) => p.name === name)!.start({ kind: 'hang' })
  const provider = CREATE[name](fake.url)
  t.teardown(async () => { await provider.close?.(); await fake.close() })
  return { fake, provider }
}

for (const { name } of FAKE_PROVIDERS) {
  t.test(`${name}: reuses pooled keep-alive connections`, async (t) => {
    const fake = await FAKE_PROVIDERS.find((p) => p.name === name)!.start({ kind: 'ok', text: 'Keep sipping water.' })
    // A pool of one: undici frees a socket one event-loop turn after the reply is read, so a
    // larger pool may open a second socket for a call sent in that turn; this one waits for it.
    // Without keep-alive, each call would still need a socket of its own.
    const provider = CREATE[name](fake.url, 1)
    t.teardown(async () => { await provider.close?.(); await fake.close() })
    for (let i = 0; i < 5; i++) t.equal((await provider.write(request, never())).text, 'Keep sipping water.')
    t.equal(fake.calls, 5)
    t.equal(fake.connections, 1)
  })

  t.test(`${name}: a hung upstream ends as a timeout when the attempt signal times out`, async (t) => {
    const { provider } = await hanging(t, name)
    const err = await provider.write(request, AbortSignal.timeout(100)).catch((e: unknown) => e) as ProviderError
    t.ok(err instanceof ProviderError)
    t.equal(err.outcome, 'timeout')
  })

  t.test(`${name}: a caller abort is not a timeout`, async (t) => {
    const { fake, provider } = await hanging(t, name)
    const ac = new AbortController()
    const pending = provider.write(request, ac.signal).catch((e: unknown) => e)
    // Abort once the upstream holds the call, so the abort hits a request in flight.
    await waitFor(() => fake.inFlight === 1)
    ac.abort(new Error('client went away'))
    const err = await pending as ProviderError
    t.equal(err.outcome, 'aborted')
  })

  t.test(`${name}: connection refused → network`, async (t) => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const provider = CREATE[name](`http://127.0.0.1:${port}`)
    t.teardown(() => provider.close?.())
    const err = await provider.write(request, never()).catch((e: unknown) => e) as ProviderError
    t.equal(err.outcome, 'network')
  })
}
