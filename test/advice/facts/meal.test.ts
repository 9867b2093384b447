import t from 'tap'
import Fuse from 'fuse.js'
import { foods, type FoodRow } from '../../../src/advice/data/foods.js'
import { createMealParser, parseMeal } from '../../../src/advice/facts/meal.js'
import { round } from '../../../src/advice/facts/round.js'

function row (id: string): FoodRow {
  const found = foods.find((r) => r.id === id)
  if (found === undefined) throw new Error(`food table has no row ${id}`)
  return found
}

/** The one item a text parses to, failing the test when there is not exactly one. */
function one (text: string, options?: Parameters<typeof parseMeal>[1]) {
  const { items, unmatched } = parseMeal(text, options)
  if (items.length !== 1 || unmatched.length !== 0) throw new Error(`"${text}" gave ${JSON.stringify({ items, unmatched })}`)
  return items[0]
}

const kcal = (r: FoodRow, grams: number): number => round(round(grams, 1) * r.kcalPer100g / 100, 1)
const total = (text: string): number => round(parseMeal(text).items.reduce((sum, i) => sum + i.kcal, 0), 1)

t.test('the DATA-SOURCES worked examples hold', async (t) => {
  const eggs = parseMeal('2 eggs and a slice of toast')
  t.same(eggs.items.map((i) => [i.food, i.quantity, i.unit, i.grams, i.kcal]), [['egg', 2, 'piece', 100, 143], ['white bread', 1, 'slice', 29, 77.1]])
  t.equal(Math.round(total('2 eggs and a slice of toast')), 220)
  const milk = parseMeal('i had a one glass of milk and bread')
  t.same(milk.items.map((i) => [i.food, i.grams, i.kcal]), [['whole milk', 244, 148.8], ['white bread', 29, 77.1]])
  t.equal(Math.round(total('one glass of milk and bread')), 226)
  const berries = row('blueberries')
  const bg = berries.portions[berries.defaultPortion] as number
  t.same(parseMeal('oatmeal with berries').items.map((i) => [i.food, i.grams, i.kcal]),
    [['oatmeal', 234, 166.1], ['blueberries', bg, kcal(berries, bg)]])
})

t.test('an item carries the row name, USDA source, rounded energy and macros', async (t) => {
  const r = row('chicken_breast')
  const item = one('200g chicken breast')
  t.same(item, {
    text: '200g chicken breast',
    food: r.name,
    quantity: 200,
    unit: 'g',
    grams: 200,
    kcal: kcal(r, 200),
    protein_g: round(200 * (r.proteinPer100g as number) / 100, 1),
    carbs_g: round(200 * (r.carbsPer100g as number) / 100, 1),
    fat_g: round(200 * (r.fatPer100g as number) / 100, 1),
    confidence: 1,
    source: `USDA FDC ${r.fdcId}`
  })
})

t.test('numbers: decimals, fractions, mixed numbers, vulgar fractions, half, ranges', async (t) => {
  const cup = row('rice_white').portions.cup as number
  t.equal(one('1.5 cups rice').grams, round(1.5 * cup, 1))
  t.equal(one('1/2 cup rice').grams, round(0.5 * cup, 1))
  t.equal(one('1 1/2 cups of rice').grams, round(1.5 * cup, 1))
  t.equal(one('½ cup rice').grams, round(0.5 * cup, 1))
  t.equal(one('half a cup of rice').grams, round(0.5 * cup, 1))
  t.equal(one('one and a half cups of rice').grams, round(1.5 * cup, 1))
  t.equal(one('1 and 1/2 cups rice').grams, round(1.5 * cup, 1))
  t.equal(one('half a banana').grams, 59)
  t.equal(one('a half banana').quantity, 0.5)
  t.equal(one('a quarter cup of rice').grams, round(0.25 * cup, 1))
  t.equal(one('2-3 eggs').quantity, 2.5, 'a range counts as its midpoint')
  t.equal(one('eggs x2').quantity, 2)
})

t.test('number words; "a few" and "several" mean 3 by policy', async (t) => {
  const cases: Array<[string, number]> = [
    ['three eggs', 3], ['twelve eggs', 12], ['an egg', 1], ['a couple of eggs', 2], ['couple eggs', 2],
    ['a few eggs', 3], ['several eggs', 3], ['a dozen eggs', 12], ['dozen eggs', 12], ['half a dozen eggs', 6],
    ['2 dozen eggs', 24], ['two dozen eggs', 24], ['one egg', 1]
  ]
  for (const [text, n] of cases) {
    const item = one(text)
    t.same([item.food, item.quantity, item.grams], ['egg', n, n * 50], text)
  }
  t.same([one('a few almonds').unit, one('a few almonds').grams], ['piece', 3.6], 'a bare count of a food with a piece weight counts pieces')
  t.same([one('3 strawberries').unit, one('3 strawberries').grams], ['medium', 3 * (row('strawberries').portions.medium as number)])
  t.same([one('2 coffees').unit, one('2 coffees').grams], ['cup', 2 * (row('coffee').portions.cup as number)], 'drinks count in cups')
  t.same([one('a baked potato').unit, one('a baked potato').grams], ['medium', row('potato_baked').portions.medium], 'a countable default')
  t.same([one('2 oatmeal').quantity, one('2 oatmeal').grams, one('2 oatmeal').confidence], [1, 234, 0.6],
    'a count we cannot weigh is one default portion, trusted less')
})

t.test('mass and volume units', async (t) => {
  const cases: Array<[string, string, number]> = [
    ['100 g rice', 'g', 100], ['100 grams rice', 'g', 100], ['100 gms of rice', 'g', 100], ['0.5 kg rice', 'kg', 500],
    ['3 oz salmon', 'oz', 85], ['3 ounces salmon', 'oz', 85], ['1 lb pasta', 'lb', 453.6], ['2 pounds pasta', 'lb', 907.2],
    ['500 mg sugar', 'mg', 0.5]
  ]
  for (const [text, unit, grams] of cases) t.same([one(text).unit, one(text).grams], [unit, grams], text)
  const milk = row('milk_whole').mlToG as number
  t.equal(one('250 ml milk').grams, round(250 * milk, 1))
  t.equal(one('1 l milk').grams, round(1000 * milk, 1))
  t.equal(one('1 litre of milk').grams, round(1000 * milk, 1))
  t.equal(one('2 liters of milk').grams, round(2000 * milk, 1))
  t.equal(one('250 millilitres of milk').confidence, 1)
  t.equal(one('8 fl oz milk').grams, round(8 * (row('milk_whole').portions.fl_oz as number), 1))
  t.equal(one('350ml can of cola').grams, round(350 * (row('cola').mlToG as number), 1), 'the measure wins over the container word')
})

t.test('household units use the row portion grams', async (t) => {
  const cases: Array<[string, string, string, string]> = [
    ['2 cups of rice', 'rice_white', 'cup', 'cup'], ['a glass of orange juice', 'orange_juice', 'glass', 'glass'],
    ['2 glasses of milk', 'milk_whole', 'glass', 'glass'], ['3 slices of bread', 'bread_white', 'slice', 'slice'],
    ['2 pieces of chicken', 'chicken_breast', 'piece', 'piece'], ['a bowl of oatmeal', 'oatmeal_cooked', 'bowl', 'bowl'],
    ['2 tbsp peanut butter', 'peanut_butter', 'tbsp', 'tbsp'], ['1 tablespoon of olive oil', 'olive_oil', 'tbsp', 'tbsp'],
    ['2 tsp sugar', 'sugar', 'tsp', 'tsp'], ['2 teaspoons of sugar', 'sugar', 'tsp', 'tsp'], ['a can of tuna', 'tuna_canned', 'can', 'can'],
    ['2 cans of coke', 'cola', 'can', 'can'], ['a handful of almonds', 'almonds', 'handful', 'handful'],
    ['2 handfuls of peanuts', 'peanuts', 'handful', 'handful'], ['2 scoops of ice cream', 'ice_cream', 'scoop', 'scoop'],
    ['a serving of salmon', 'salmon', 'serving', 'serving'], ['2 servings of salmon', 'salmon', 'serving', 'serving'],
    ['a pat of butter', 'butter', 'pat', 'pat'], ['a container of greek yogurt', 'greek_yogurt_nonfat', 'container', 'container'],
    ['3 strips of bacon', 'bacon', 'strip', 'slice']
  ]
  for (const [text, id, unit, portion] of cases) {
    const r = row(id)
    const item = one(text)
    t.same([item.food, item.unit, item.grams], [r.name, unit, round(item.quantity * (r.portions[portion as 'cup'] as number), 1)], text)
  }
  t.equal(one('slices of bread').grams, 29, 'a unit without a number is one')
  t.same([one('2 salmon fillets').unit, one('2 salmon fillets').grams], ['piece', 2 * (row('salmon').portions.piece as number)], 'a fillet is a piece')
  t.equal(one('3 bacon strips').grams, round(3 * (row('bacon').portions.slice as number), 1))
  t.equal(one('a cup of celery sticks').grams, row('celery').portions.cup, 'a unit before the food wins over the noun after it')
  t.same([one('2 bacon rashers').unit, one('2 bacon rashers').grams], ['strip', 2 * (row('bacon').portions.slice as number)])
  t.equal(one('a bottle of beer').grams, row('beer').portions.can, 'a bottle falls back to the can')
  t.equal(one('a bottle of beer').confidence, 0.9)
  t.equal(one('a bowl of yogurt').grams, row('yogurt_plain').portions.cup, 'a bowl falls back to the cup')
})

t.test('size words select the row portions', async (t) => {
  t.same([one('a small banana').unit, one('a small banana').grams], ['small', row('banana').portions.small])
  t.equal(one('a medium banana').grams, row('banana').portions.medium)
  t.equal(one('a large apple').grams, row('apple').portions.large)
  t.equal(one('a big apple').grams, row('apple').portions.large)
  t.same([one('2 large eggs').unit, one('2 large eggs').grams], ['large', 100])
  t.equal(one('1 large slice of bread').grams, 29, 'a size before a unit keeps the unit')
})

t.test('portionSize scales only unquantified items', async (t) => {
  t.equal(one('banana', { portionSize: 'small' }).grams, row('banana').portions.small, 'the row\'s own small portion')
  t.equal(one('banana', { portionSize: 'large' }).grams, row('banana').portions.large)
  t.equal(one('banana', { portionSize: 'medium' }).grams, row('banana').portions.medium)
  t.same([one('oatmeal', { portionSize: 'large' }).quantity, one('oatmeal', { portionSize: 'large' }).grams], [1.5, 351], 'no large row: 1.5 × default')
  t.equal(one('oatmeal', { portionSize: 'small' }).grams, 175.5)
  t.equal(one('2 eggs', { portionSize: 'large' }).grams, 100, 'an explicit quantity is not scaled')
  t.equal(one('a cup of oatmeal', { portionSize: 'large' }).grams, 234, 'an explicit unit is not scaled')
})

t.test('lists split on every separator, but not inside an alias', async (t) => {
  const names = (text: string) => parseMeal(text).items.map((i) => i.food)
  t.same(names('eggs, toast and milk'), ['egg', 'white bread', 'whole milk'])
  t.same(names('eggs & toast + milk; banana plus apple'), ['egg', 'white bread', 'whole milk', 'banana', 'apple'])
  t.same(names('rice with lentils then an apple. also a banana'), ['white rice', 'lentils', 'apple', 'banana'])
  t.same(names('avocado on toast'), ['avocado', 'white bread'])
  t.same(names('salad leaves with oil and vinegar dressing'), ['romaine lettuce', 'vinaigrette'])
  t.same(names('oatmeal with salt and tofu and vegetables'), ['salted oatmeal', 'tofu stir fry'])
  t.same(names('falafel in pita'), ['falafel', 'pita bread'])
  t.same(names('2 cups of 2% milk'), ['2% milk'])
  t.equal(one('2% milk').grams, row('milk_2pct').portions.cup, 'a leading digit inside an alias is not a quantity')
})

t.test('two foods back to back, same-food words and a trailing amount', async (t) => {
  const pair = parseMeal('2 avocado toast')
  t.same(pair.items.map((i) => [i.food, i.quantity, i.text]), [['avocado', 1, '2 avocado toast'], ['white bread', 2, '2 avocado toast']],
    'the amount belongs to the head noun')
  t.same(parseMeal('unicorn toast').unmatched, ['unicorn toast'], 'both halves must match')
  t.equal(one('a tortilla wrap').food, 'flour tortilla')
  const oil = one('olive oil, 2 tbsp')
  t.same([oil.text, oil.quantity, oil.unit, oil.grams], ['olive oil, 2 tbsp', 2, 'tbsp', 27])
  t.same(parseMeal('2 eggs, 3').items.map((i) => i.grams), [100], 'an amount does not resize an item that had one')
  t.same(parseMeal('3, eggs').items.map((i) => i.grams), [50], 'nor an item that comes after it')
  t.equal(one('a glass of wine').grams, row('wine').portions.serving, 'a glass of a drink with no cup is its serving')
})

t.test('fillers and leftovers are dropped', async (t) => {
  const r = parseMeal('For breakfast I had some toast, and a bit of butter this morning!')
  t.same(r.items.map((i) => i.text), ['toast', 'butter'])
  t.same(r.unmatched, [])
  t.same(parseMeal('I ate 2 eggs today.').items.map((i) => i.text), ['2 eggs'])
  t.same(parseMeal('i drank a glass of milk for lunch').items.map((i) => i.food), ['whole milk'])
  t.same(parseMeal('had the eggs, ,and , and'), { items: [one('eggs')].map((i) => ({ ...i, text: 'the eggs' })), unmatched: [] })
  t.same(parseMeal('I had breakfast'), { items: [], unmatched: [] })
  t.same(parseMeal(''), { items: [], unmatched: [] })
  t.same(parseMeal('a large, fresh one'), { items: [], unmatched: [] })
})

t.test('plurals and typos match our aliases; unknown foods are never guessed', async (t) => {
  t.equal(one('tomatoes').food, 'tomato')
  t.equal(one('3 peaches').food, 'peach')
  t.equal(one('berries').food, 'blueberries')
  t.equal(one('hummus').food, 'hummus')
  t.equal(one('cow’s milk').food, 'whole milk')
  const typo = one('blueberies')
  t.equal(typo.food, 'blueberries')
  t.ok(typo.confidence < 1 && typo.confidence >= 0.65, 'a fuzzy hit is trusted less')
  t.equal(one('chiken breast').food, 'chicken breast')
  t.same(parseMeal('unicorn steak and xyzzy'), { items: [], unmatched: ['unicorn steak', 'xyzzy'] })
  t.same(parseMeal('mac').unmatched, ['mac'], 'short words must match exactly')
  t.same(parseMeal('tuna salad').unmatched, ['tuna salad'], 'a weak fuzzy hit is not a match')
})

t.test('cooking words prefer an alias that names them, else the base food', async (t) => {
  t.same([one('scrambled eggs').food, one('scrambled eggs').confidence], ['scrambled egg', 1])
  t.same([one('2 fried eggs').food, one('2 fried eggs').grams], ['fried egg', 92])
  t.same([one('poached eggs').food, one('poached eggs').confidence], ['egg', 0.85])
  t.same([one('grilled chicken').food, one('grilled chicken').confidence], ['chicken breast', 1])
  t.same([one('fresh banana').food, one('fresh banana').confidence], ['banana', 0.9], 'a contained alias is trusted between')
  t.equal(one('poached bannana').food, 'banana', 'a typo after a cooking word still matches the base food')
})

const base = {
  category: 'test',
  fdcId: 1,
  dataType: 'SR Legacy' as const,
  usdaDescription: 'test row',
  kcalPer100g: 100,
  proteinPer100g: 10,
  carbsPer100g: 10,
  fatPer100g: 10
}
const table: FoodRow[] = [
  { ...base, id: 'soup', name: 'soup', aliases: ['soup'], proteinPer100g: null, portions: { bowl: 300 }, defaultPortion: 'bowl' },
  { ...base, id: 'juice', name: 'juice', aliases: ['juice'], portions: { cup: 240 }, defaultPortion: 'cup' },
  { ...base, id: 'syrup', name: 'syrup', aliases: ['syrup'], portions: { tsp: 7 }, defaultPortion: 'tsp' },
  { ...base, id: 'jam', name: 'jam', aliases: ['jam'], portions: { tbsp: 21 }, defaultPortion: 'tbsp' },
  { ...base, id: 'cake', name: 'cake', aliases: ['cake'], portions: { slice: 80 }, defaultPortion: 'slice' },
  { ...base, id: 'mac', name: 'mac and cheese', aliases: ['mac and cheese', 'mac n cheese'], portions: { cup: 200 }, defaultPortion: 'cup' }
]
const fake = createMealParser(table)
const only = (text: string, options?: Parameters<typeof fake>[1]) => fake(text, options).items[0]

t.test('documented fallbacks for units a row lacks', async (t) => {
  t.same(only('a bowl of soup').protein_g, null, 'a macro the row lacks stays null')
  t.same([only('2 cups of soup').grams, only('2 cups of soup').confidence], [600, 0.9], 'cup → bowl')
  t.same([only('500 ml soup').quantity, only('500 ml soup').grams, only('500 ml soup').confidence], [1, 300, 0.6],
    'no density: one default portion, trusted less')
  t.same([only('100 ml juice').grams, only('100 ml juice').confidence], [101.4, 0.95], 'density from the cup weight')
  t.equal(only('1 tbsp syrup').grams, 21, 'tbsp = 3 tsp')
  t.equal(only('3 tsp jam').grams, 21, 'tsp = tbsp / 3')
  t.same([only('a large cake').quantity, only('a large cake').unit, only('a large cake').grams, only('a large cake').confidence],
    [1.5, 'slice', 120, 0.8], 'no large row: 1.5 × default')
  t.same([only('cake', { portionSize: 'small' }).grams, only('cake', { portionSize: 'small' }).confidence], [60, 0.9])
  t.same([only('3 pieces of cake').grams, only('3 pieces of cake').confidence], [240, 0.6], 'no piece weight: default portions')
  t.same([only('2 handfuls of cake').unit, only('2 handfuls of cake').grams], ['slice', 160])
  t.same(fake('mac and cheese with jam').items.map((i) => i.food), ['mac and cheese', 'jam'])
  t.same(fake('2 cups mac and cheese').items.map((i) => i.grams), [400])
})

// Found by fuzzing: a 430-byte meal of unknown words ran one Fuse search per
// split point over the whole text and blocked the event loop for ~28 s. The
// work is now bounded; count it rather than time it.
t.test('unknown free text costs a bounded number of fuzzy searches', async (t) => {
  const original = Fuse.prototype.search
  let searches = 0
  t.capture(Fuse.prototype, 'search', function (this: Fuse<string>, ...args: Parameters<Fuse<string>['search']>) {
    searches++
    return original.apply(this, args)
  })
  const food = Array.from({ length: 60 }, (_, i) => ['applex', 'quinoax', 'xyzzyx', 'blorpx', 'ricex'][i % 5]).join(' ')
  const parsed = parseMeal(food)
  t.same(parsed.items, [])
  t.equal(parsed.unmatched.length, 1)
  t.ok(searches <= 2, `${searches} fuzzy searches for 60 unknown words`)
  searches = 0
  t.equal(parseMeal('avacado toast').items.length, 2, 'short unseparated pairs still match')
  t.ok(searches > 0)
})
