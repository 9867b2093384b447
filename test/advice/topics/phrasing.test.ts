import t from 'tap'
import { litres, pick } from '../../../src/advice/topics/phrasing.js'
import { SEEDS } from '../../helpers/local-words.js'

t.test('litres speaks one decimal without a trailing zero', async (t) => {
  t.equal(litres(1.26), '1.3 L')
  t.equal(litres(2), '2 L')
  t.equal(litres(1.96), '2 L')
  t.equal(litres(0.75), '0.8 L')
  t.equal(litres(0), '0 L')
  t.equal(litres(0.04), '0.04 L', 'a small amount left is not "0 L"')
  t.equal(litres(0.01), '0.01 L')
  t.equal(litres(0.05), '0.1 L')
  t.equal(litres(10), '10 L')
})

t.test('pick is stable for a seed and reaches every option', async (t) => {
  const options = ['a', 'b', 'c'] as const
  t.equal(pick(options, 'same'), pick(options, 'same'))
  t.same(new Set(SEEDS.map((s) => pick(options, s))), new Set(options))
  t.equal(pick(['only'], 'anything'), 'only')
  // The empty seed leaves FNV-1a at its offset basis: 2166136261 = 3 × 722045420 + 1.
  t.equal(pick(options, ''), 'b', 'the empty seed uses the FNV offset basis')
})
