import t from 'tap'
import { cacheKey, createAdviceCache, type CacheResult } from '../../../src/advice/upstream/cache.js'

/** A producer that answers only when told to, and records the signals it got. */
function gated () {
  const signals: AbortSignal[] = []
  let resolveText: (text: string) => void = () => {}
  let rejectText: (err: Error) => void = () => {}
  const produce = async (signal: AbortSignal) => {
    signals.push(signal)
    return await new Promise<string>((resolve, reject) => {
      resolveText = resolve
      rejectText = reject
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
    })
  }
  return { produce, signals, answer: (text: string) => resolveText(text), fail: (err: Error) => rejectText(err) }
}

const live = () => new AbortController().signal
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms))

t.test('cacheKey is order independent and depends on the provider and the model', async (t) => {
  const request = { topic: 'water', entry: { amount_liters: 1, weight_kg: 70 } }
  const key = cacheKey('gemini', 'gemini-2.5-flash', request)
  t.match(key, /^[A-Za-z0-9_-]{43}$/, 'a base64url SHA-256 digest')
  t.equal(key, cacheKey('gemini', 'gemini-2.5-flash', { entry: { weight_kg: 70, amount_liters: 1 }, topic: 'water' }))
  t.not(key, cacheKey('gemini', 'gemini-2.5-pro', request))
  t.not(key, cacheKey('local', 'gemini-2.5-flash', request), 'another provider serving a model of the same name')
  t.not(cacheKey('ab', 'c', request), cacheKey('a', 'bc', request), 'the two parts are kept apart')
  t.not(key, cacheKey('gemini', 'gemini-2.5-flash', { topic: 'water', entry: { amount_liters: 2, weight_kg: 70 } }))
})

t.test('a stored answer is a hit; produce runs once', async (t) => {
  const cache = createAdviceCache(10, 60)
  const seen: CacheResult[] = []
  let calls = 0
  const produce = async () => { calls++; return 'Drink 1 L more.' }
  t.equal(await cache.run('k', live(), produce, (r) => seen.push(r)), 'Drink 1 L more.')
  t.equal(await cache.run('k', live(), produce, (r) => seen.push(r)), 'Drink 1 L more.')
  t.same(seen, ['miss', 'hit'])
  t.equal(calls, 1)
  t.equal(cache.size, 1)
  t.equal(await cache.run('other', live(), async () => 'Other.'), 'Other.', 'observe is optional')
  t.equal(cache.size, 2)
})

t.test('identical calls in flight share one produce', async (t) => {
  const cache = createAdviceCache(10, 60)
  const seen: CacheResult[] = []
  const producer = gated()
  const runs = Array.from({ length: 5 }, async () => await cache.run('k', live(), producer.produce, (r) => seen.push(r)))
  producer.answer('Shared.')
  t.same(await Promise.all(runs), Array(5).fill('Shared.'))
  t.equal(producer.signals.length, 1)
  t.same(seen, ['miss', 'coalesced', 'coalesced', 'coalesced', 'coalesced'])
})

t.test('a failure is shared by its waiters but never stored', async (t) => {
  const cache = createAdviceCache(10, 60)
  const producer = gated()
  const runs = [cache.run('k', live(), producer.produce), cache.run('k', live(), producer.produce)]
  producer.fail(new Error('upstream down'))
  for (const run of runs) await t.rejects(run, { message: 'upstream down' })
  t.equal(cache.size, 0)

  const seen: CacheResult[] = []
  t.equal(await cache.run('k', live(), async () => 'Later.', (r) => seen.push(r)), 'Later.')
  t.same(seen, ['miss'], 'the next call produces afresh')
})

t.test('max or ttl 0 turns storage off but keeps coalescing', async (t) => {
  for (const [max, ttl] of [[0, 60], [10, 0]]) {
    const cache = createAdviceCache(max, ttl)
    const seen: CacheResult[] = []
    let calls = 0
    const produce = async () => { calls++; return 'Text.' }
    await cache.run('k', live(), produce, (r) => seen.push(r))
    await cache.run('k', live(), produce, (r) => seen.push(r))
    t.equal(calls, 2, `max ${max}, ttl ${ttl}: nothing stored`)
    t.equal(cache.size, 0)

    const producer = gated()
    const runs = [cache.run('c', live(), producer.produce, (r) => seen.push(r)), cache.run('c', live(), producer.produce, (r) => seen.push(r))]
    producer.answer('Shared.')
    t.same(await Promise.all(runs), ['Shared.', 'Shared.'])
    t.equal(producer.signals.length, 1, `max ${max}, ttl ${ttl}: still coalesced`)
    t.same(seen, ['miss', 'miss', 'miss', 'coalesced'])
  }
})

t.test('an entry expires after its TTL, given in seconds', async (t) => {
  // A clock that moves only when told (lru-cache reads 0 as "no start time", so it starts at 1000).
  let now = 1000
  const cache = createAdviceCache(10, 60, () => now)
  let calls = 0
  const produce = async () => `Answer ${++calls}.`
  const seen: CacheResult[] = []
  t.equal(await cache.run('k', live(), produce, (r) => seen.push(r)), 'Answer 1.')
  now += 60_000
  t.equal(await cache.run('k', live(), produce, (r) => seen.push(r)), 'Answer 1.', '60 s old: still fresh (the TTL is 60 s, not 60 ms)')
  now += 1
  t.equal(await cache.run('k', live(), produce, (r) => seen.push(r)), 'Answer 2.', '60.001 s old: expired')
  t.same(seen, ['miss', 'hit', 'miss'])
})

t.test('the least recently used entry goes first', async (t) => {
  const cache = createAdviceCache(2, 60)
  const seen: CacheResult[] = []
  const run = async (key: string) => await cache.run(key, live(), async () => key, (r) => seen.push(r))
  await run('a')
  await run('b')
  await run('a')
  await run('c')
  t.equal(cache.size, 2)
  await run('a')
  await run('b')
  t.same(seen, ['miss', 'miss', 'hit', 'miss', 'hit', 'miss'], 'b was evicted, a was kept')
})

t.test('the shared call is aborted only when every waiter has gone', async (t) => {
  const cache = createAdviceCache(10, 60)
  const producer = gated()
  const first = new AbortController()
  const second = new AbortController()
  const runs = [cache.run('k', first.signal, producer.produce), cache.run('k', second.signal, producer.produce)]
  const [shared] = producer.signals

  first.abort(new Error('first gone'))
  await sleep(0)
  t.equal(shared.aborted, false, 'one waiter left: still running')

  second.abort(new Error('second gone'))
  t.equal(shared.aborted, true, 'the last waiter left: aborted')
  t.match(shared.reason, { message: 'second gone' })
  for (const run of runs) await t.rejects(run, { message: 'aborted' })
  t.equal(cache.size, 0)
})

t.test('a finished waiter does not count towards a later abort', async (t) => {
  const cache = createAdviceCache(10, 60)
  const producer = gated()
  const first = new AbortController()
  const run = cache.run('k', first.signal, producer.produce)
  producer.answer('Done.')
  t.equal(await run, 'Done.')
  first.abort()
  t.equal(producer.signals[0].aborted, false)
})

t.test('an already-aborted caller counts as gone', async (t) => {
  const cache = createAdviceCache(10, 60)
  const alone = gated()
  await t.rejects(cache.run('a', AbortSignal.abort(), alone.produce), { message: 'aborted' })
  t.equal(alone.signals[0].aborted, true, 'nobody waits: the call is aborted at once')

  const producer = gated()
  const other = new AbortController()
  const runs = [cache.run('k', other.signal, producer.produce), cache.run('k', AbortSignal.abort(), producer.produce)]
  t.equal(producer.signals.length, 1, 'the aborted caller joined the call')
  t.equal(producer.signals[0].aborted, false, 'a live waiter keeps it running')
  other.abort()
  t.equal(producer.signals[0].aborted, true, 'every waiter has gone, the already-aborted one included')
  for (const run of runs) await t.rejects(run)
})

t.test('a caller arriving after everyone left starts a new call', async (t) => {
  const cache = createAdviceCache(10, 60)
  const old = gated()
  const controller = new AbortController()
  const abandoned = cache.run('k', controller.signal, old.produce)
  controller.abort()

  const seen: CacheResult[] = []
  const fresh = gated()
  const run = cache.run('k', live(), fresh.produce, (r) => seen.push(r))
  t.same(seen, ['miss'], 'it does not join the aborted call')
  fresh.answer('Fresh.')
  t.equal(await run, 'Fresh.')
  await t.rejects(abandoned)
  t.equal(await cache.run('k', live(), fresh.produce, (r) => seen.push(r)), 'Fresh.', 'the old call ending does not drop the new answer')
  t.same(seen, ['miss', 'hit'])
})
