import t from 'tap'
import { explain } from '../../scripts/explain.js'

t.test('explain traces a meal text through every stage of the reader', async (t) => {
  const lines = explain('a diet cola in a 12 fl oz can', 3)
  t.ok(lines.includes('phrase 1: [a 12 fl oz can of diet cola]'), 'the phrase as the chunker rewrote it')
  t.ok(lines.includes('  [a 12 fl oz can of diet cola]  amount: quantity 1, unit can (count), measure 12 fl oz  words: diet cola'))
  // The winning row's portions name the can: 92410320 Soft drink, cola, diet, "1 can (12 fl oz)" 360 g.
  t.match(lines.find((l) => l.includes('FNDDS 92410320')), /coverage 1\.00 {2}head {2}unit fits {2}FNDDS 92410320 Soft drink, cola, diet$/)
  t.equal(lines.filter((l) => /^ {4}\d/.test(l)).length, 3, 'the top 3 rows')
  // 2 kcal per 100 g × 360 g = 7.2 kcal.
  t.ok(lines.includes('  a 12 fl oz can of diet cola → Soft drink, cola, diet [FNDDS 92410320] 1 × 1 can (12 fl oz) = 360 g, 7.2 kcal (confidence 1)'))
  t.equal(lines.at(-1), 'total: 7 kcal')
})

t.test('explain shows what was left out and what was read as a near food', async (t) => {
  const lines = explain('150 g of boiled kasepa fish, zorblax')
  t.ok(lines.includes('near (head noun only): 150 g of boiled kasepa fish'))
  t.ok(lines.includes('unmatched: zorblax'))
  t.ok(lines.some((l) => l.includes('amount: none  words: zorblax')))
})
