import t from 'tap'
import { ShedError, createLimiter } from '../../../src/advice/upstream/limiter.js'

/** A limiter whose load reports are recorded. */
function recorded (capacity: number, queueMax: number, timeoutMs: number) {
  const load: Array<[number, number]> = []
  const limiter = createLimiter(capacity, queueMax, timeoutMs, (active, queued) => load.push([active, queued]))
  return { limiter, load }
}

/** Tracks whether a promise has settled, without awaiting it. */
function track<T> (promise: Promise<T>) {
  const state: { settled: boolean, value?: T, error?: unknown } = { settled: false }
  promise.then((value) => { state.settled = true; state.value = value }, (error: unknown) => { state.settled = true; state.error = error })
  return state
}

const live = () => new AbortController().signal
const tick = async () => await new Promise((resolve) => setImmediate(resolve))

t.test('runs up to capacity, queues up to queueMax, sheds the rest at once', async (t) => {
  const { limiter, load } = recorded(2, 1, 1000)
  const first = await limiter.acquire(live())
  await limiter.acquire(live())
  const third = track(limiter.acquire(live()))
  await tick()
  t.equal(third.settled, false, 'the third call waits')
  t.equal(limiter.active, 2)
  t.equal(limiter.queued, 1)

  await t.rejects(limiter.acquire(live()), new ShedError('queue_full'), 'the fourth call is shed without waiting')
  t.same(load, [[1, 0], [2, 0], [2, 1]], 'a shed call changes nothing')

  first()
  await tick()
  t.type(third.value, 'function', 'the queued call gets the freed slot')
  t.equal(limiter.active, 2, 'the slot passes straight to the waiter')
  t.equal(limiter.queued, 0)
  t.same(load.at(-1), [2, 0])
})

t.test('ShedError names its reason', async (t) => {
  const err = new ShedError('queue_timeout')
  t.equal(err.name, 'ShedError')
  t.equal(err.message, 'shed: queue_timeout')
  t.ok(err instanceof Error)
})

t.test('waiters get slots in arrival order', async (t) => {
  const { limiter } = recorded(1, 3, 1000)
  const release = await limiter.acquire(live())
  const order: string[] = []
  const waits = ['a', 'b', 'c'].map(async (name) => {
    const done = await limiter.acquire(live())
    order.push(name)
    done()
  })
  release()
  await Promise.all(waits)
  t.same(order, ['a', 'b', 'c'])
  t.equal(limiter.active, 0)
  t.equal(limiter.queued, 0)
})

t.test('a waiter that times out is shed and leaves the queue', async (t) => {
  const { limiter, load } = recorded(1, 2, 20)
  const release = await limiter.acquire(live())
  await t.rejects(limiter.acquire(live()), new ShedError('queue_timeout'))
  t.equal(limiter.queued, 0)
  t.same(load, [[1, 0], [1, 1], [1, 0]])

  const next = track(limiter.acquire(live()))
  release()
  await tick()
  t.type(next.value, 'function', 'the next waiter is not stalled behind the timed-out one')
  t.equal(limiter.active, 1)
})

t.test('a waiter whose signal aborts is shed and leaves the queue', async (t) => {
  const { limiter } = recorded(1, 2, 1000)
  const release = await limiter.acquire(live())
  const controller = new AbortController()
  const gone = limiter.acquire(controller.signal)
  const next = track(limiter.acquire(live()))
  t.equal(limiter.queued, 2)
  controller.abort()
  await t.rejects(gone, new ShedError('queue_timeout'))
  t.equal(limiter.queued, 1, 'only the aborted waiter left')

  release()
  await tick()
  t.type(next.value, 'function', 'the waiter behind it gets the slot')
  t.equal(limiter.active, 1)
  t.equal(limiter.queued, 0)
})

t.test('an already-aborted signal gets no slot', async (t) => {
  const { limiter, load } = recorded(1, 1, 1000)
  await t.rejects(limiter.acquire(AbortSignal.abort()), new ShedError('queue_timeout'))
  t.equal(limiter.active, 0)
  t.same(load, [])
})

t.test('a zero queue or a zero wait sheds as soon as the slots are taken', async (t) => {
  const noQueue = createLimiter(1, 0, 1000)
  await noQueue.acquire(live())
  await t.rejects(noQueue.acquire(live()), new ShedError('queue_full'))

  const noWait = createLimiter(1, 5, 0)
  await noWait.acquire(live())
  await t.rejects(noWait.acquire(live()), new ShedError('queue_full'))
  t.equal(noWait.queued, 0)
})

t.test('a release function called twice releases once', async (t) => {
  const { limiter } = recorded(1, 2, 1000)
  const release = await limiter.acquire(live())
  const second = track(limiter.acquire(live()))
  const third = track(limiter.acquire(live()))
  release()
  release()
  await tick()
  t.equal(second.settled, true)
  t.equal(third.settled, false, 'the second call did not hand the slot on again')
  t.equal(limiter.active, 1)
  t.equal(limiter.queued, 1)

  const handedOn = second.value as () => void
  handedOn()
  handedOn()
  await tick()
  t.equal(third.settled, true)
  t.equal(limiter.active, 1, 'a slot handed to a waiter is also released once')

  const idle = createLimiter(1, 0, 0)
  const only = await idle.acquire(live())
  only()
  only()
  t.equal(idle.active, 0, 'active never goes below zero')
})

t.test('a granted waiter no longer reacts to its signal', async (t) => {
  const { limiter } = recorded(1, 2, 1000)
  const release = await limiter.acquire(live())
  const controller = new AbortController()
  const granted = limiter.acquire(controller.signal)
  release()
  const mine = await granted
  const next = track(limiter.acquire(live()))
  controller.abort()
  await tick()
  t.equal(limiter.queued, 1, 'aborting after the grant removes nobody from the queue')
  t.equal(next.settled, false)
  mine()
  await tick()
  t.type(next.value, 'function')
})
