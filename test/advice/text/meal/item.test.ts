import t from 'tap'
import type { Food } from '../../../../src/advice/data/foods.js'
import { rowWords, toItem } from '../../../../src/advice/text/meal/item.js'
import type { Amount } from '../../../../src/advice/text/meal/amount.js'

// A made-up row: 250 kcal, 10 g protein, no carbohydrate value, 5 g fat per 100 g; one portion row.
const food: Food = { code: '99999999', source: 'FNDDS 2021-2023', description: 'Test loaf, sliced', synonyms: ['bread loaf'], aliases: ['house loaf'], category: 'test', kcalPer100g: 250, proteinPer100g: 10, carbsPer100g: null, fatPer100g: 5, portions: [{ description: '1 slice', grams: 40 }, { description: 'Quantity not specified', grams: 40 }] }
const grams = (n: number): Amount => ({ quantity: n, unit: { name: 'g', kind: 'mass', size: 1 }, measure: null, size: null, food: 'test loaf' })

t.test('toItem: a stated weight is the item\'s grams; energy and macros are per 100 g of the row; unknown stays null', async (t) => {
  const item = toItem('120 g of test loaf', { food, confidence: 0.9, words: ['test', 'loaf'] }, grams(120), undefined)
  // 120 g × 2.5 = 300 kcal; protein 120 × 0.10 = 12 g; fat 120 × 0.05 = 6 g; weighed by mass, trust 1.
  t.match(item, { text: '120 g of test loaf', food: 'Test loaf, sliced', grams: 120, kcal: 300, protein_g: 12, carbs_g: null, fat_g: 6, confidence: 0.9 })
})

t.test('toItem: an item over 50 kg cannot be weighed', async (t) => {
  t.equal(toItem('a ton of loaf', { food, confidence: 1, words: [] }, grams(50001), undefined), null)
})

t.test('rowWords: the row\'s own name, with our aliases, and with the source\'s synonyms', async (t) => {
  const words = rowWords(food)
  t.ok(words.name.has('loaf') && !words.name.has('house'))
  t.ok(words.named.has('house') && !words.named.has('bread'))
  t.ok(words.said.has('bread'))
  t.equal(rowWords(food), words, 'tokenised once per row')
})
