import t from 'tap'
import { createSpeller, editDistance } from '../../../src/advice/text/spelling.js'

t.test('editDistance: Levenshtein distance, capped one past the bound', async (t) => {
  // Worked by hand: kitten → sitten (substitute) → sittin (substitute) → sitting (insert).
  t.equal(editDistance('kitten', 'sitting', 3), 3)
  t.equal(editDistance('kitten', 'sitting', 2), 3, 'past the bound: max + 1')
  t.equal(editDistance('flaw', 'lawn', 2), 2, 'drop f, add n')
  t.equal(editDistance('pizza', 'pizza', 1), 0)
  t.equal(editDistance('pizza', 'pizzeria', 1), 2, 'lengths three apart: max + 1 at once')
  t.equal(editDistance('', 'ab', 2), 2)
})

t.test('createSpeller: a known word stays, an unknown one becomes its nearest known spelling', async (t) => {
  const correct = createSpeller(new Map([['spaghetti', 3], ['spinach', 5], ['pizza', 9]]))
  // "spinch" is one deletion from "spinach"; "piza" has four letters, under the five that are ever corrected.
  t.same(correct(['spinach', 'spinch', 'piza', 'xyzzyq']), ['spinach', 'spinach', 'piza', 'xyzzyq'])
  // Nine letters or more may be two edits away: "spagheti" (8) is one, "spagettii" (9) two.
  t.same(correct(['spagheti', 'spagettii']), ['spaghetti', 'spaghetti'])
})
