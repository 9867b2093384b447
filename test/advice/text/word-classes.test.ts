import t from 'tap'
import { costsUnsaid, wordShare } from '../../../src/advice/text/word-classes.js'

t.test('wordShare: default and source words a third, cooking words half, the rest whole', async (t) => {
  t.equal(wordShare('plain'), 0.3)
  t.equal(wordShare('home'), 0.3)
  t.equal(wordShare('grilled'), 0.5)
  t.equal(wordShare('pizza'), 1)
})

t.test('costsUnsaid: a row is not charged for stating the usual case, a number or a unit', async (t) => {
  for (const w of ['cooked', 'general', '25', '6.3', 'kg', 'mph']) t.notOk(costsUnsaid(w), w)
  for (const w of ['pepperoni', 'vigorous', 'load']) t.ok(costsUnsaid(w), w)
})
