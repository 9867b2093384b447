import t from 'tap'
import { readAmount, unitOf, type Amount, type Unit } from '../../../../src/advice/text/meal/amount.js'

const g: Unit = { name: 'g', kind: 'mass', size: 1 }
const oz: Unit = { name: 'oz', kind: 'mass', size: 28.3495 }
const flOz: Unit = { name: 'fl oz', kind: 'volume', size: 29.5735 }
const ml: Unit = { name: 'ml', kind: 'volume', size: 1 }
const cup: Unit = { name: 'cup', kind: 'volume', size: 236.588 }
const tablespoon: Unit = { name: 'tablespoon', kind: 'volume', size: 14.787 }
const count = (name: string): Unit => ({ name, kind: 'count' })

/** An amount with the fields a case does not state left empty. */
const amount = (a: Partial<Amount> & { food: string }): Amount => ({ quantity: null, unit: null, measure: null, size: null, ...a })

t.test('unitOf: metric and US measures, with their sizes', async (t) => {
  const cases: Array<[string, string, Unit['kind'], number]> = [
    ['g', 'g', 'mass', 1], ['grams', 'g', 'mass', 1], ['gr', 'g', 'mass', 1], ['gms', 'g', 'mass', 1], ['grammes', 'g', 'mass', 1],
    ['kg', 'kg', 'mass', 1000], ['kilos', 'kg', 'mass', 1000], ['mg', 'mg', 'mass', 0.001],
    ['lb', 'lb', 'mass', 453.592], ['pounds', 'lb', 'mass', 453.592], ['oz', 'oz', 'mass', 28.3495], ['ounces', 'oz', 'mass', 28.3495],
    ['fl oz', 'fl oz', 'volume', 29.5735], ['fluid ounces', 'fl oz', 'volume', 29.5735], ['floz', 'fl oz', 'volume', 29.5735],
    ['ml', 'ml', 'volume', 1], ['millilitres', 'ml', 'volume', 1], ['cc', 'ml', 'volume', 1], ['cl', 'cl', 'volume', 10],
    ['dl', 'dl', 'volume', 100], ['l', 'l', 'volume', 1000], ['litres', 'l', 'volume', 1000], ['liter', 'l', 'volume', 1000],
    ['cups', 'cup', 'volume', 236.588], ['cupful', 'cup', 'volume', 236.588], ['tbsp', 'tablespoon', 'volume', 14.787],
    ['tablespoons', 'tablespoon', 'volume', 14.787], ['tsp', 'teaspoon', 'volume', 4.929], ['teaspoon', 'teaspoon', 'volume', 4.929],
    ['pint', 'pint', 'volume', 473.176], ['quarts', 'quart', 'volume', 946.353], ['gallon', 'gallon', 'volume', 3785.41],
    ['shots', 'shot', 'volume', 44.36]
  ]
  for (const [word, name, kind, size] of cases) t.same(unitOf(word), { name, kind, size }, word)
})

t.test('unitOf: countables, plurals and the words FNDDS uses instead', async (t) => {
  const cases: Array<[string, string]> = [
    ['slice', 'slice'], ['slices', 'slice'], ['can', 'can'], ['cans', 'can'], ['bottle', 'bottle'], ['glasses', 'glass'],
    ['boxes', 'box'], ['leaves', 'leaf'], ['loaves', 'loaf'], ['pinches', 'pinch'], ['patties', 'patty'], ['ears', 'ear'],
    ['bunches', 'bunch'], ['pouches', 'pouch'], ['dashes', 'dash'], ['helpings', 'serving'],
    ['portion', 'serving'], ['helping', 'serving'], ['plateful', 'plate'], ['bowlful', 'bowl'], ['pack', 'package'],
    ['sachet', 'packet'], ['tin', 'can'], ['tins', 'can'], ['rasher', 'strip'], ['rashers', 'strip'], ['cob', 'ear'],
    ['order', 'order'], ['handful', 'handful'], ['drink', 'drink']
  ]
  for (const [word, name] of cases) t.same(unitOf(word), count(name), word)
  t.same(unitOf('spoon'), tablespoon, 'a spoon is a tablespoon, a volume')
  t.same(unitOf('spoonfuls'), tablespoon)
})

t.test('unitOf: food words are not units', async (t) => {
  for (const word of ['egg', 'eggs', 'rice', 'pizza', 'banana', 'coke', 'large', '', 'x', 'gram cracker']) t.equal(unitOf(word), null, word)
  // A plural agrees with its singular: "2 sandwiches" keeps its food word.
  t.equal(unitOf('sandwich'), null)
  t.equal(unitOf('sandwiches'), null, 'a plural is a unit only when its singular is')
})

t.test('readAmount: a count, a unit and the food', async (t) => {
  t.same(readAmount('2 slices of pepperoni pizza'), amount({ quantity: 2, unit: count('slice'), food: 'pepperoni pizza' }))
  t.same(readAmount('171 grams of boiled groundnuts'), amount({ quantity: 171, unit: g, food: 'boiled groundnuts' }))
  t.same(readAmount('a cup of plain tortilla chips'), amount({ quantity: 1, unit: cup, food: 'plain tortilla chips' }))
  t.same(readAmount('1.5 cups of milk'), amount({ quantity: 1.5, unit: cup, food: 'milk' }))
  t.same(readAmount('1/2 cup rice'), amount({ quantity: 0.5, unit: cup, food: 'rice' }))
  t.same(readAmount('0.5 cup of rice'), amount({ quantity: 0.5, unit: cup, food: 'rice' }))
  t.same(readAmount('2 tbsp of peanut butter'), amount({ quantity: 2, unit: tablespoon, food: 'peanut butter' }))
  t.same(readAmount('2 rashers of bacon'), amount({ quantity: 2, unit: count('strip'), food: 'bacon' }))
  t.same(readAmount('3 loaves of bread'), amount({ quantity: 3, unit: count('loaf'), food: 'bread' }))
})

t.test('readAmount: a unit abbreviation may end with a full stop', async (t) => {
  // "tbsp." is the tablespoon, not the food words "tbsp. oil".
  t.same(readAmount('2 tbsp. of oil'), amount({ quantity: 2, unit: tablespoon, food: 'oil' }))
  t.same(readAmount('6 oz. steak'), amount({ quantity: 6, unit: oz, food: 'steak' }))
  t.same(readAmount('a 12 oz. can of soda'), amount({ quantity: 1, unit: count('can'), measure: { value: 12, unit: oz }, food: 'soda' }))
})

t.test('readAmount: a word that is not a unit goes back to the food', async (t) => {
  t.same(readAmount('2 eggs'), amount({ quantity: 2, food: 'eggs' }))
  t.same(readAmount('2 x eggs'), amount({ quantity: 2, food: 'eggs' }))
  t.same(readAmount('2 ham sandwiches'), amount({ quantity: 2, food: 'ham sandwiches' }))
})

t.test('readAmount: articles, ranges and no amount', async (t) => {
  t.same(readAmount('a banana'), amount({ quantity: 1, food: 'banana' }))
  t.same(readAmount('an apple'), amount({ quantity: 1, food: 'apple' }))
  t.same(readAmount('one banana'), amount({ quantity: 1, food: 'banana' }))
  t.same(readAmount('the banana'), amount({ food: 'banana' }), '"the" is not a count')
  t.same(readAmount('my banana'), amount({ food: 'banana' }))
  t.same(readAmount('eggs'), amount({ food: 'eggs' }))
  t.same(readAmount('2-3 eggs'), amount({ quantity: 2.5, food: 'eggs' }), 'a range is its midpoint')
  t.same(readAmount('2 to 3 eggs'), amount({ quantity: 2.5, food: 'eggs' }))
  t.same(readAmount('3 or 2 eggs'), amount({ quantity: 3, food: 'eggs' }), 'a falling range keeps the first number')
  t.same(readAmount('  toast  '), amount({ food: 'toast' }))
})

t.test('readAmount: a measure inside a container', async (t) => {
  t.same(readAmount('a 12 fl oz can of soda'), amount({ quantity: 1, unit: count('can'), measure: { value: 12, unit: flOz }, food: 'soda' }))
  t.same(readAmount('a 20 oz bottle of coke'), amount({ quantity: 1, unit: count('bottle'), measure: { value: 20, unit: oz }, food: 'coke' }))
  t.same(readAmount('500 ml bottle of water'), amount({ quantity: 1, unit: count('bottle'), measure: { value: 500, unit: ml }, food: 'water' }))
  t.same(readAmount('a 500ml bottle of water'), amount({ quantity: 1, unit: count('bottle'), measure: { value: 500, unit: ml }, food: 'water' }))
  t.same(readAmount('2 500 ml bottles of water'), amount({ quantity: 2, unit: count('bottle'), measure: { value: 500, unit: ml }, food: 'water' }))
})

t.test('readAmount: a measure with no container is the amount itself', async (t) => {
  t.same(readAmount('a 20 oz coke'), amount({ quantity: 20, unit: oz, food: 'coke' }))
  t.same(readAmount('a 6 oz steak'), amount({ quantity: 6, unit: oz, food: 'steak' }))
  t.same(readAmount('2 8 oz steaks'), amount({ quantity: 16, unit: oz, food: 'steaks' }), 'two 8 oz steaks are 16 oz')
  t.same(readAmount('8oz steak'), amount({ quantity: 8, unit: oz, food: 'steak' }), 'a measure glued to its number')
})

t.test('readAmount: a countable noun after the food counts it', async (t) => {
  t.same(readAmount('2 salmon fillets'), amount({ quantity: 2, unit: count('fillet'), food: 'salmon' }))
  t.same(readAmount('8 asparagus spears'), amount({ quantity: 8, unit: count('spear'), food: 'asparagus' }))
  t.same(readAmount('3 garlic cloves'), amount({ quantity: 3, unit: count('clove'), food: 'garlic' }))
  t.same(readAmount('salmon fillet'), amount({ unit: count('fillet'), food: 'salmon' }))
  t.same(readAmount('2 3 fillets'), amount({ quantity: 2, food: '3 fillets' }), 'no food word before it: not a unit')
})

t.test('readAmount: size words', async (t) => {
  t.same(readAmount('a small coffee'), amount({ quantity: 1, size: 'small', food: 'coffee' }))
  t.same(readAmount('a large diet coke'), amount({ quantity: 1, size: 'large', food: 'diet coke' }))
  // Coffee-shop names are FNDDS's coffee sizes (small 12, medium 16, large 20 fl oz) and those volumes:
  // tall, grande, venti.
  t.same(readAmount('a tall latte'), amount({ quantity: 12, unit: flOz, size: 'small', food: 'latte' }))
  t.same(readAmount('a grande latte'), amount({ quantity: 16, unit: flOz, size: 'medium', food: 'latte' }))
  t.same(readAmount('a venti latte'), amount({ quantity: 20, unit: flOz, size: 'large', food: 'latte' }))
  t.same(readAmount('2 grande lattes'), amount({ quantity: 32, unit: flOz, size: 'medium', food: 'lattes' }))
  // With a unit of its own the size only sizes it.
  t.same(readAmount('a tall glass of milk'), amount({ quantity: 1, unit: count('glass'), size: 'small', food: 'milk' }))
  t.same(readAmount('2 large eggs'), amount({ quantity: 2, size: 'large', food: 'eggs' }))
  t.same(readAmount('an extra large pizza'), amount({ quantity: 1, size: 'extra large', food: 'pizza' }))
  t.same(readAmount('a kids meal'), amount({ quantity: 1, size: 'small', food: 'meal' }))
  t.same(readAmount('a fun size snickers'), amount({ quantity: 1, size: 'fun size', food: 'snickers' }))
  t.same(readAmount('a personal pizza'), amount({ quantity: 1, size: 'personal', food: 'pizza' }))
  t.same(readAmount('a footlong sub'), amount({ quantity: 1, size: 'footlong', food: 'sub' }))
  t.same(readAmount('another scoop of ice cream'), amount({ quantity: 1, unit: count('scoop'), food: 'ice cream' }), '"another" counts one')
  t.same(readAmount('a foot long hot dog'), amount({ quantity: 1, size: 'footlong', food: 'hot dog' }))
  t.same(readAmount('a large order of fries'), amount({ quantity: 1, unit: count('order'), size: 'large', food: 'fries' }))
  t.same(readAmount('a mini muffin'), amount({ quantity: 1, size: 'miniature', food: 'muffin' }), 'miniature is its own size, smaller than fun size')
})

t.test('readAmount: a count of a countable after the food', async (t) => {
  t.same(readAmount('sushi roll 6 pieces'), amount({ quantity: 6, unit: count('piece'), food: 'sushi roll' }))
  t.same(readAmount('pepperoni pizza, 2 slices'), amount({ quantity: 2, unit: count('slice'), food: 'pepperoni pizza' }))
  // A number before a word that counts nothing stays the food's ("vitamin b 12 tablets" has no countable).
  t.same(readAmount('soda 12 fizz'), amount({ food: 'soda 12 fizz' }))
  // A plural food then a bare number is its count; a singular one keeps the number ("vitamin b 12").
  t.same(readAmount('hot wings 8'), amount({ quantity: 8, food: 'hot wings' }))
  t.same(readAmount('vitamin b 12'), amount({ food: 'vitamin b 12' }))
  t.same(readAmount('sea bass 2'), amount({ food: 'sea bass 2' }), '"bass" is no plural')
  t.same(readAmount('green peas 150'), amount({ food: 'green peas 150' }), 'past 100 it is no count')
})

t.test('readAmount: a package that states its energy', async (t) => {
  t.same(readAmount('a 100 calorie pack of almonds'), { ...amount({ quantity: 1, unit: count('package'), food: 'almonds' }), kcal: 100 })
  t.same(readAmount('2 90-cal snack packs of pretzels'), { ...amount({ quantity: 2, unit: count('package'), food: 'pretzels' }), kcal: 90 })
  // With no package said, or a zero, the figure is no amount of energy.
  t.same(readAmount('a 0 calorie pack of gum'), amount({ quantity: 1, unit: count('package'), food: 'gum' }))
})

t.test('readAmount: a chain\'s name before the size keeps both', async (t) => {
  t.same(readAmount('starbucks grande latte'), amount({ quantity: 16, unit: flOz, size: 'medium', food: 'starbucks latte' }))
  t.same(readAmount("a mcdonald's large fries"), amount({ quantity: 1, size: 'large', food: "mcdonald's fries" }))
  t.same(readAmount('2 dunkin small coffees'), amount({ quantity: 2, size: 'small', food: 'dunkin coffees' }))
  // Any other word before a size is the food's: no size is read from inside it.
  t.same(readAmount('egg large curd'), amount({ food: 'egg large curd' }))
})

t.test('readAmount: a metric amount at the end', async (t) => {
  t.same(readAmount('rice, 200 g'), amount({ quantity: 200, unit: g, food: 'rice' }))
  t.same(readAmount('rice 200 g'), amount({ quantity: 200, unit: g, food: 'rice' }))
  t.same(readAmount('rice x 2 cups'), amount({ quantity: 2, unit: cup, food: 'rice' }))
  // A stated weight is what the item weighed: no household portion is needed to weigh it.
  t.same(readAmount('2 bowls rice 150 g'), amount({ quantity: 150, unit: g, food: 'rice' }), 'a weight after the food wins over a count')
  t.same(readAmount('a cup of brewed coffee 480 g'), amount({ quantity: 480, unit: g, food: 'brewed coffee' }), 'and over a cup')
  t.same(readAmount('2 eggs x 50 g'), amount({ quantity: 100, unit: g, food: 'eggs' }), 'a count times a weight each')
  t.same(readAmount('rice 0 g'), amount({ quantity: 0, unit: g, food: 'rice' }), 'zero grams is zero')
  t.same(readAmount('2 3 g'), amount({ quantity: 2, food: '3 g' }), 'a trailing amount needs a food word before it')
})

t.test('readAmount: a phrase that is only an amount', async (t) => {
  t.same(readAmount('360 g'), amount({ quantity: 360, unit: g, food: '' }))
  t.same(readAmount('2 tbsp'), amount({ quantity: 2, unit: tablespoon, food: '' }))
  t.same(readAmount('cups'), amount({ unit: cup, food: '' }))
  t.same(readAmount('a glass'), amount({ quantity: 1, unit: count('glass'), food: '' }))
})

t.test('readAmount: numbers that are not amounts', async (t) => {
  t.same(readAmount('0.0000001 g of rice'), amount({ quantity: 1e-7, unit: g, food: 'rice' }))
  t.same(readAmount('-5 cups of rice'), amount({ food: '-5 cups of rice' }), 'no negative amounts: the phrase stays whole')
  t.same(readAmount('1e308 g of rice'), amount({ food: '1e308 g of rice' }))
  t.same(readAmount('1/0 cup rice'), amount({ unit: cup, food: 'rice' }), 'a division by zero is no number')
})

t.test('readAmount: a measure after the food may name its container', async (t) => {
  const amount = readAmount('sprite 20 oz bottle')
  t.equal(amount.quantity, 20)
  t.equal(amount.unit?.name, 'oz')
  t.equal(amount.food, 'sprite')
})
