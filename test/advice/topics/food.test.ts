import t from 'tap'
import { computeFoodFacts } from '../../../src/advice/facts/food.js'
import { countWords, MAX_WORDS } from '../../../src/advice/upstream/guard.js'
import { foodMessage } from '../../../src/advice/topics/food.js'
import { foodFacts, variants } from '../../helpers/local-words.js'

t.test('food: nothing matched says so, without asking for amounts', async (t) => {
  const text = foodMessage(computeFoodFacts({ food: 'zorblax' }), 'lunch', 's')
  t.equal(text, 'We could not recognize "zorblax", so no calorie estimate. Name each food plainly, like "scrambled eggs" or "white rice".')
  t.notMatch(text, /amount/i)
  const hidden = foodMessage(foodFacts({ kcal: null, complete: false, protein_g: null, unmatched: ['see example.com'] }), undefined, 's')
  t.equal(hidden, 'We could not recognize these foods, so no calorie estimate. Name each food plainly, like "scrambled eggs" or "white rice".',
    'text that is not a few plain words is not quoted back')
  const none = foodMessage(computeFoodFacts({ food: '360 g' }), undefined, 's')
  t.equal(none, hidden, 'an amount with no food at all')
  for (const message of [text, hidden]) t.notMatch(message, /amount/i)
})

t.test('food: light meals', async (t) => {
  // Banana, raw 63107010: 126 g → 122.2 kcal, 0.9 g protein.
  t.equal(foodMessage(computeFoodFacts({ food: 'a banana' }), 'snack', 's'),
    'About 122 kcal: a light snack. Add protein, like eggs, yogurt or beans, to stay full longer.')
  t.equal(foodMessage(foodFacts({ kcal: 299, protein_g: 10 }), undefined, 's'),
    'About 299 kcal: a light meal with some protein. Add fruit or vegetables for fiber.', '10 g counts as some protein')
  t.equal(foodMessage(foodFacts({ kcal: 150, protein_g: null }), 'snack', 's'),
    'About 150 kcal: a light snack. Add protein, like eggs, yogurt or beans, to stay full longer.', 'unknown protein is not claimed')
})

t.test('food: an incomplete meal is never given as the whole meal\'s total', async (t) => {
  /** Fails unless a message gives its total as partial: it names the part left out and judges nothing. */
  const assertPartial = (text: string, part: string, label: string) => {
    t.ok(text.includes(part), `${label}: names ${part}`)
    t.match(text, /\bfull (?:\w+ )?total is unknown|\bnot (?:your \w+'s |the )?full total/i, `${label}: not the full total`)
    t.notMatch(text, /Add protein|light|hearty|Solid|^About|^Roughly/, `${label}: no judgement of a partial total`)
    t.ok(countWords(text) <= MAX_WORDS, `${label}: ${countWords(text)} words`)
  }
  const facts = computeFoodFacts({ food: 'a banana and zorblax' })
  t.equal(facts.complete, false)
  // Banana, raw 63107010: 126 g → 122.2 kcal → 122.
  const text = foodMessage(facts, undefined, 's')
  t.match(text, '122 kcal')
  assertPartial(text, '"zorblax"', 'a banana and zorblax')
  assertPartial(foodMessage(facts, 'lunch', 's'), '"zorblax"', 'lunch')
  t.match(foodMessage(facts, 'lunch', 's'), 'lunch')
  const two = foodMessage(computeFoodFacts({ food: 'a banana, zorblax, qwxyz' }), 'snack', 's')
  assertPartial(two, '"zorblax" and 1 more', 'two unmatched parts')
  // Toast 51000110: QNS 25 g → 73.3 kcal; the unmatched part is too long to quote, so it is described.
  const long = foodMessage(computeFoodFacts({ food: 'toast and a big bowl of mystery glorp qwxyz' }), undefined, 's')
  t.match(long, '73 kcal')
  assertPartial(long, 'part of it', 'a long unmatched part')
  for (const kcal of [150, 500, 900]) {
    assertPartial(foodMessage(foodFacts({ kcal, protein_g: 0, complete: false, unmatched: ['zorblax'] }), 'dinner', 's'), '"zorblax"', `${kcal} kcal`)
  }
})

t.test('food: normal and heavy meals', async (t) => {
  // The lunch: 141.6 + 148.8 + 446.6 = 737 kcal.
  t.same(variants((s) => foodMessage(computeFoodFacts({ food: 'a cup of plain tortilla chips, a can of caffeine-free fruit-flavored soft drink, and a small burrito with chicken and beans' }), 'lunch', s)), [
    'About 737 kcal for this lunch. A side of vegetables would add fiber for very few calories.',
    'Roughly 737 kcal. Solid lunch; swap refined grains for whole grains to add fiber.'
  ])
  // A meal with no grain in it (FNDDS Yogurt, whole milk, plain; Walnuts) is never told to swap its grains.
  const yogurt = computeFoodFacts({ food: '2 cups of whole milk yogurt and 50 g of walnuts' })
  t.same(variants((s) => foodMessage(yogurt, 'snack', s)), [`About ${yogurt.kcal ?? 0} kcal for this snack. A side of vegetables would add fiber for very few calories.`])
  // Whole grains are not refined ones: Rice, brown, cooked, NS as to fat.
  const brown = computeFoodFacts({ food: '2 cups of brown rice' })
  t.notOk(variants((s) => foodMessage(brown, 'lunch', s)).some((m) => m.includes('refined grains')), 'brown rice')
  t.equal(foodMessage(foodFacts({ kcal: 900 }), 'dinner', 's'),
    'About 900 kcal, a hearty dinner. Balance the day with vegetables and lean protein at your next meal.')
  for (const kcal of [300, 800]) {
    for (const text of variants((s) => foodMessage(foodFacts({ kcal }), undefined, s))) {
      t.match(text, new RegExp(`^(About|Roughly) ${kcal} kcal(\\.| for this meal)`), `${kcal} kcal is a normal meal`)
    }
  }
})

t.test('food: every message stays within 25 words', async (t) => {
  const over: string[] = []
  const meals = [undefined, 'breakfast', 'lunch', 'dinner', 'snack'] as const
  const unmatched = [[], ['zorblax'], ['zorblax', 'qwxyz'], ['the grey blorp wobble goo'], ['a big ol\' tub of mom zuzu goo'], ['zz yy xx ww vv uu tt ss qq pp']]
  for (const kcal of [null, 0, 150, 500, 900, 12345]) {
    for (const parts of unmatched) {
      for (const protein of [null, 0, 30]) {
        const facts = foodFacts({ kcal, protein_g: protein, complete: kcal !== null && parts.length === 0, unmatched: parts })
        for (const meal of meals) {
          for (const text of variants((s) => foodMessage(facts, meal, s))) {
            if (countWords(text) > MAX_WORDS) over.push(`${countWords(text)} words: ${text}`)
          }
        }
      }
    }
  }
  // An unmatched part is quoted back inside the template, so its length must be bounded in words.
  t.same(over.slice(0, 3), [], `${over.length} messages over ${MAX_WORDS} words`)
  const real = foodMessage(computeFoodFacts({ food: 'a banana and a big ol\' tub of mom\'s zuzu goo' }), undefined, 's')
  t.ok(countWords(real) <= MAX_WORDS, `${countWords(real)} words: ${real}`)
})

t.test('food: a meal counted partly as near foods is an estimate, not judged', async (t) => {
  // "kasepa fish" is counted as 26100110 Fish, NFS, 238 kcal per 100 g: 150 g → 357.
  const text = foodMessage(computeFoodFacts({ food: '150 g of boiled kasepa fish' }), 'lunch', 's')
  t.equal(text, 'Roughly 357 kcal, counting part of it as the nearest food we know, so the lunch total is an estimate.')
})
