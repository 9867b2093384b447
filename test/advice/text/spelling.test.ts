import fc from 'fast-check'
import t from 'tap'
import { createSpeller, editDistance } from '../../../src/advice/text/spelling.js'
import { FUZZ_SEED, fuzzRuns } from '../../helpers/fuzz-seed.js'

t.test('editDistance: Levenshtein distance, capped one past the bound', async (t) => {
  // Worked by hand: kitten → sitten (substitute) → sittin (substitute) → sitting (insert).
  t.equal(editDistance('kitten', 'sitting', 3), 3)
  t.equal(editDistance('kitten', 'sitting', 2), 3, 'past the bound: max + 1')
  t.equal(editDistance('flaw', 'lawn', 2), 2, 'drop f, add n')
  t.equal(editDistance('pizza', 'pizza', 1), 0)
  t.equal(editDistance('pizza', 'pizzeria', 1), 2, 'lengths three apart: max + 1 at once')
  t.equal(editDistance('', 'ab', 2), 2)
  t.equal(editDistance('kitten', 'sitting'), 3, 'unbounded by default')
  t.equal(editDistance('litres', 'liters'), 2, 'without swaps, re ↔ er is two substitutions')
})

t.test('editDistance with swaps: an adjacent transposition is one edit (optimal string alignment)', async (t) => {
  const swaps = { swaps: true }
  t.equal(editDistance('liters', 'liters', Infinity, swaps), 0)
  t.equal(editDistance('litres', 'liters', Infinity, swaps), 1, 're ↔ er is one swap')
  t.equal(editDistance('weight_kgs', 'weight_kg', Infinity, swaps), 1)
  t.equal(editDistance('kitten', 'sitting', Infinity, swaps), 3, 'k→s, e→i, +g: no swap helps')
  t.equal(editDistance('', 'abc', Infinity, swaps), 3)
  // ab ↔ ba, cd ↔ dc, ef ↔ fe: three swaps, one past a bound of 2.
  t.equal(editDistance('abcdef', 'badcfe', Infinity, swaps), 3)
  t.equal(editDistance('abcdef', 'badcfe', 2, swaps), 3, 'past the bound: max + 1')
  // Optimal string alignment edits no substring twice: "ca" → "abc" is three edits, not two.
  t.equal(editDistance('ca', 'abc', Infinity, swaps), 3)
})

/** The textbook full-table definition, unbounded: the reference the bounded rows are checked against. */
function reference (a: string, b: string, swaps: boolean): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i === 0 ? j : j === 0 ? i : 0))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

t.test('editDistance agrees with the full table, and a bound only caps it at max + 1', async (t) => {
  // A four-letter alphabet, so swaps, repeats and near misses are common.
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 })
  fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 4 }), fc.boolean(), (a, b, max, swaps) => {
    const full = reference(a, b, swaps)
    return editDistance(a, b, Infinity, { swaps }) === full && editDistance(a, b, max, { swaps }) === Math.min(full, max + 1)
  }), { numRuns: fuzzRuns(20_000), seed: FUZZ_SEED })
  t.pass('every drawn pair agrees')
})

t.test('createSpeller: a known word stays, an unknown one becomes its nearest known spelling', async (t) => {
  const correct = createSpeller(new Map([['spaghetti', 3], ['spinach', 5], ['pizza', 9]]))
  // "spinch" is one deletion from "spinach"; "piza" has four letters, under the five that are ever corrected.
  t.same(correct(['spinach', 'spinch', 'piza', 'xyzzyq']), ['spinach', 'spinach', 'piza', 'xyzzyq'])
  // Nine letters or more may be two edits away: "spagheti" (8) is one, "spagettii" (9) two.
  t.same(correct(['spagheti', 'spagettii']), ['spaghetti', 'spaghetti'])
})
