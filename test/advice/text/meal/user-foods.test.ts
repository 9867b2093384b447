import t from 'tap'
import { NUTRIENT_KEYS, type Nutrients } from '../../../../schemas/nutrients.js'
import { createUserFoodIndex, nameKey, type MatchableFood, type UserFoodPiece } from '../../../../src/advice/text/meal/user-foods.js'

const unknown = Object.fromEntries(NUTRIENT_KEYS.map((k) => [k, null])) as Nutrients

// Label values as a test user would post them: 160 kcal, 30 g protein, 6 g carbs, 2 g fat, 220 mg
// sodium per 330 g bottle; and a recipe's serving of 443.3 kcal in 225 g.
const shake: MatchableFood = {
  id: 'f-shake',
  name: 'My Protein Shake',
  aliases: ['shake'],
  serving: { description: '1 bottle', grams: 330 },
  per_serving: { kcal: 160, protein_g: 30, carbs_g: 6, fat_g: 2, ...unknown, sodium_mg: 220 }
}
const chili: MatchableFood = {
  id: 'f-chili',
  name: 'Grandma\'s chili',
  aliases: [],
  serving: { description: '1 serving', grams: 225 },
  per_serving: { kcal: 443.3, protein_g: 31.1, carbs_g: 21.2, fat_g: 25.6, ...unknown }
}
const banana: MatchableFood = {
  id: 'f-banana',
  name: 'banana',
  aliases: [],
  serving: { description: '1 banana', grams: 120 },
  per_serving: { kcal: 100, protein_g: null, carbs_g: null, fat_g: null, ...unknown }
}
// A label whose serving counts two pieces: "2 cookies (28 g)", 140 kcal.
const cookies: MatchableFood = {
  id: 'f-cookies',
  name: 'oat cookie',
  aliases: [],
  serving: { description: '2 cookies (28 g)', grams: 28 },
  per_serving: { kcal: 140, protein_g: 2, carbs_g: 18, fat_g: 7, ...unknown }
}

const index = createUserFoodIndex([shake, chili, banana, cookies])
const read = (text: string): UserFoodPiece[] => index.read(text)
const items = (text: string) => read(text).flatMap((p) => 'item' in p ? [p.item] : [])
const rest = (text: string) => read(text).flatMap((p) => 'text' in p ? [p.text.trim()] : [])

t.test('nameKey: case, a leading "my", possessives, accents and spacing do not make another name', async (t) => {
  t.equal(nameKey('My Protein Shake'), 'protein shake')
  t.equal(nameKey('  grandma’s   CHILI '), 'grandma chili')
  t.equal(nameKey('Crème brûlée'), 'creme brulee')
  t.equal(nameKey('my'), '', 'nothing is left of "my" alone')
  t.equal(nameKey('mac and cheese'), 'mac and cheese')
})

t.test('a name or alias matches as a whole phrase, "my" and possessives optional', async (t) => {
  for (const text of ['my protein shake', 'protein shake', 'My Protein Shake!', 'shake']) {
    const [item] = items(text)
    t.equal(item?.source, 'user food f-shake', text)
    t.equal(item?.kcal, 160, `${text}: one serving, 160 kcal`)
  }
  t.equal(items('grandmas chili')[0]?.source, 'user food f-chili', 'the possessive without its apostrophe')
  t.equal(items('my grandma\'s chili')[0]?.source, 'user food f-chili')
  t.same(items('banana bread'), [], '"banana" is not found in "banana bread"')
  t.same(rest('banana bread'), ['banana bread'], 'which is left whole for the FNDDS reader')
  t.same(items('a chocolate protein shake'), [], 'nor in "chocolate protein shake": a modifier before it')
  t.same(items('protein shakeology'), [], 'nor inside a longer word')
  t.same(items('a milkshake'), [])
})

t.test('servings, counts, fractions and weights size by the food\'s serving', async (t) => {
  const [two] = items('2 servings of my protein shake')
  // 2 × (160 kcal, 330 g, 30 g protein, 220 mg sodium)
  t.match(two, { text: '2 servings of my protein shake', food: 'My Protein Shake', quantity: 2, unit: '1 bottle', grams: 660, kcal: 320, protein_g: 60, carbs_g: 12, fat_g: 4, confidence: 1 })
  t.equal(two.nutrients.sodium_mg, 440)
  t.equal(two.nutrients.fiber_g, null, 'a value the label did not give stays unknown')
  // Half of 443.3 kcal and 225 g.
  t.match(items('half a grandma\'s chili')[0], { quantity: 0.5, grams: 112.5, kcal: 221.7 })
  t.match(items('half of my grandma\'s chili')[0], { quantity: 0.5, grams: 112.5 })
  t.match(items('half a serving of my shake')[0], { quantity: 0.5, grams: 165, kcal: 80 })
  t.match(items('a quarter of my shake')[0], { quantity: 0.25, grams: 82.5, kcal: 40 })
  t.match(items('3 protein shakes')[0], { quantity: 3, kcal: 480 }, 'a plural count')
  t.match(items('two bottles of my shake')[0], { quantity: 2, kcal: 320 }, 'the label\'s own unit')
  t.match(items('1/2 grandma\'s chili')[0], { quantity: 0.5 })
  // 165 g of a 330 g bottle is half: 80 kcal.
  t.match(items('165 g of my shake')[0], { quantity: 165, unit: 'g', grams: 165, kcal: 80 })
  // 4 cookies of a 2-cookie serving: 2 servings, 56 g, 280 kcal.
  t.match(items('4 cookies of my oat cookie')[0], { quantity: 2, grams: 56, kcal: 280 })
  t.match(items('an oat cookie')[0], { quantity: 1, kcal: 140 }, 'an article is one serving')
})

t.test('the rest of the text is left, in order, for the FNDDS reader', async (t) => {
  const pieces = read('2 eggs, my protein shake and toast')
  t.same(pieces.map((p) => 'item' in p ? `[${p.item.source}]` : p.text.trim()), ['2 eggs,', '[user food f-shake]', 'and toast'])
  t.same(read('I had my protein shake after the gym').map((p) => 'item' in p ? p.item.text : p.text.trim()), ['I had', 'my protein shake', 'after the gym'],
    'words that frame a meal may stand beside a name')
  t.same(items('grandma\'s chili with a banana').map((i) => i.source), ['user food f-chili', 'user food f-banana'])
  t.same(read('toast'), [{ text: 'toast' }], 'no food of the user: the text as it is')
  t.same(createUserFoodIndex([]).read('my protein shake'), [{ text: 'my protein shake' }], 'another user\'s foods are not in this index')
})

t.test('"&" in a name, vulgar and mixed fractions', async (t) => {
  const mac: MatchableFood = { ...banana, id: 'f-mac', name: 'mac & cheese', serving: { description: '1 bowl', grams: 200 }, per_serving: { ...banana.per_serving, kcal: 400 } }
  const macs = createUserFoodIndex([mac])
  const sized = (text: string) => macs.read(text).flatMap((p) => 'item' in p ? [[p.item.quantity, p.item.kcal]] : [])
  t.same(sized('mac and cheese'), [[1, 400]], '"&" is said as "and"')
  t.same(sized('½ mac & cheese'), [[0.5, 200]])
  // 1.5 bowls of 400 kcal.
  t.same(sized('1 1/2 servings of mac & cheese'), [[1.5, 600]])
  t.same(sized('1 1/2 bowls of my mac and cheese'), [[1.5, 600]])
  t.same(sized('200 1 bowls of mac and cheese'), [], 'a whole number before a whole count is not a mixed number')
  t.same(sized('1000 servings of mac and cheese'), [], 'over 50 kg is no meal: left to the reader, which reports it')
  t.same(macs.read('eggs & mac and cheese').map((p) => 'item' in p ? p.item.source : p.text), ['eggs & ', 'user food f-mac'], 'a "&" between foods still separates them')
})

t.test('the longest name wins where two start alike', async (t) => {
  const short: MatchableFood = { ...banana, id: 'f-short', name: 'chili' }
  const both = createUserFoodIndex([short, { ...chili, name: 'chili con carne' }])
  const [first] = both.read('chili con carne')
  t.equal('item' in first ? first.item.source : undefined, 'user food f-chili')
  t.equal(both.size, 2)
})
