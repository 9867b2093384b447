import t from 'tap'
import { Memo } from '../../src/advice/memo.js'

t.test('computes a key once and answers it from memory after', async (t) => {
  const memo = new Memo<string>(10)
  const calls: string[] = []
  const upper = (key: string) => memo.get(key, () => { calls.push(key); return key.toUpperCase() })
  t.equal(upper('eggs'), 'EGGS')
  t.equal(upper('eggs'), 'EGGS')
  t.equal(upper('toast'), 'TOAST')
  t.same(calls, ['eggs', 'toast'], 'the repeated key was not computed again')
  t.equal(memo.computed, 2)
  t.equal(memo.size, 2)
})

t.test('keeps a null answer, so a miss is not searched again', async (t) => {
  const memo = new Memo<string | null>(10)
  let calls = 0
  const none = () => { calls++; return null }
  t.equal(memo.get('xyzzy', none), null)
  t.equal(memo.get('xyzzy', none), null)
  t.equal(calls, 1)
})

t.test('stays bounded, dropping the least recently used key first', async (t) => {
  const memo = new Memo<number>(3)
  for (const key of ['a', 'b', 'c']) memo.get(key, () => key.length)
  memo.get('a', () => -1) // a is now the most recently used
  memo.get('d', () => 1) // evicts b, the least recently used
  t.equal(memo.size, 3)
  const before = memo.computed
  memo.get('a', () => -1)
  memo.get('c', () => -1)
  t.equal(memo.computed, before, 'a and c are still kept')
  t.equal(memo.get('b', () => 2), 2, 'b was dropped and is computed again')
  t.equal(memo.computed, before + 1)
})
