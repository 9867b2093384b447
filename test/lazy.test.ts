import t from 'tap'
import { lazy } from '../src/lazy.js'

t.test('loads once, on first use, for every caller', async (t) => {
  let loads = 0
  const get = lazy(async () => ({ n: ++loads }))
  t.equal(loads, 0, 'nothing loads before the first call')
  const [a, b] = await Promise.all([get(), get()])
  t.equal(a, b, 'concurrent callers share one load')
  t.equal(await get(), a)
  t.equal(loads, 1)
})

t.test('a failed load is not kept: the next call loads again', async (t) => {
  let loads = 0
  const get = lazy(async () => {
    if (++loads === 1) throw new Error('transient')
    return loads
  })
  await t.rejects(get(), /transient/)
  t.equal(await get(), 2, 'loaded again after the failure')
  t.equal(await get(), 2, 'and kept once it succeeded')
  t.equal(loads, 2)
})
