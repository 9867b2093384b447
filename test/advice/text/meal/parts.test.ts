import t from 'tap'
import { readAmount } from '../../../../src/advice/text/meal/amount.js'
import { createFoodLookup } from '../../../../src/advice/text/meal/lookup.js'
import { countsNothing, describesOnly, framedOff, genericDish, hasAmount, holdsWhatFollows, namesHead, partOnly, placeOnly, restated, weighsWhole, type Placed } from '../../../../src/advice/text/meal/parts.js'

const lookup = createFoodLookup()
const match = (words: string) => {
  const found = lookup.find(lookup.words(words))
  if (found === null) throw new Error(`no row for ${words}`)
  return found
}

t.test('hasAmount: a count, a unit or a size; a bare food has none', async (t) => {
  t.ok(hasAmount(readAmount('2 eggs')))
  t.ok(hasAmount(readAmount('a cup of rice')))
  t.ok(hasAmount(readAmount('large fries')))
  t.notOk(hasAmount(readAmount('rice')))
  t.ok(countsNothing(readAmount('regular peanut butter')), 'a size alone counts nothing')
  t.notOk(countsNothing(readAmount('a sandwich')))
  t.notOk(countsNothing(readAmount('80 g of rice')))
})

t.test('describesOnly: preparation words, and a seasoning only when it is not weighed', async (t) => {
  t.ok(describesOnly(readAmount('grilled')))
  t.ok(describesOnly(readAmount('salt')))
  t.notOk(describesOnly(readAmount('2 g of salt')), 'weighed salt is eaten')
  t.notOk(describesOnly(readAmount('grilled chicken')))
})

t.test('partOnly: a part of a food with no amount of its own', async (t) => {
  t.ok(partOnly('a thin crust', lookup.words('thin crust')))
  t.ok(partOnly('a medium beef patty', lookup.words('medium beef patty')), 'a burger\'s patty is part of the burger')
  t.notOk(partOnly('a potato patty', lookup.words('potato patty')), 'a patty of potato is a food')
  t.notOk(partOnly('120 g crust', lookup.words('crust')), 'an amount makes it more than a part')
  t.notOk(partOnly('cheese', lookup.words('cheese')))
})

t.test('framedOff: words before an item that name no food are dropped; a food before it is kept', async (t) => {
  t.equal(framedOff('lunch consists of a roll', lookup), 'a roll')
  t.equal(framedOff('fondant, 2 grams', lookup), 'fondant, 2 grams', 'a weight after a comma restates the words before it')
  t.equal(framedOff('152 g of a fruit drink', lookup), '152 g of a fruit drink')
  t.equal(framedOff('chicken and a roll', lookup), 'chicken and a roll', 'chicken names a food')
})

t.test('restated: a weighed food with the head of the dish counted just before it, in its segment or the next', async (t) => {
  // FNDDS Peanut butter and jelly sandwich, NFS and "…, with regular peanut butter, regular jelly, on wheat bread" share their head.
  const before: Placed = { index: 0, text: 'a pbj sandwich', found: match('peanut butter jelly sandwich'), size: null, amount: readAmount('a pbj sandwich') }
  const weighed = readAmount('150 g of peanut butter and jelly on wheat')
  const fuller = match('peanut butter jelly sandwich wheat bread')
  t.ok(restated(before, 0, fuller, weighed))
  t.ok(restated(before, 1, fuller, weighed), 'the next segment')
  t.notOk(restated(before, 1, fuller, weighed, 'a 150 g pbj on wheat'), 'the next segment, with an article of its own')
  t.notOk(restated(before, 2, fuller, weighed), 'a segment further on')
  t.ok(restated({ ...before, index: 1 }, 2, match('peanut butter jelly sandwich'), weighed), 'the same row, weighed in the next segment')
  t.notOk(restated(before, 0, match('peanut butter jelly sandwich'), weighed), 'the same row in the same segment')
  t.notOk(restated(null, 0, fuller, weighed))
  t.notOk(restated(before, 0, fuller, readAmount('a peanut butter and jelly sandwich')), 'not weighed: a second sandwich')
  t.notOk(restated({ ...before, amount: readAmount('2 pbj sandwiches') }, 0, fuller, weighed), 'two counted before')
  t.notOk(restated(before, 0, match('banana'), readAmount('100 g of banana')), 'another food')
})

t.test('weighsWhole: a mass or a measured volume weighs the food; a count or a serving does not', async (t) => {
  t.ok(weighsWhole(readAmount('150 g of rice')))
  t.ok(weighsWhole(readAmount('250 ml of milk')))
  t.notOk(weighsWhole(readAmount('a cup of milk')))
  t.notOk(weighsWhole(readAmount('2 eggs')))
  t.ok(weighsWhole(readAmount('a 300 g bowl of soup')), 'a metric measure of one serving')
  t.notOk(weighsWhole(readAmount('a 6 oz tub of cottage cheese')), 'a package size')
})

t.test('namesHead: the words say the noun that ends the row\'s head, or one of its alternatives', async (t) => {
  // 22101000 Pork, chop, NS as to fat eaten: its head is "Pork".
  const chop = match('pork chop')
  t.ok(namesHead(lookup.words('pork'), chop, lookup))
  t.notOk(namesHead(lookup.words('grilled'), chop, lookup))
})

t.test('placeOnly: a part that only says where a food came from', async (t) => {
  t.ok(placeOnly(readAmount('a takeout place')))
  t.ok(placeOnly(readAmount('from a restaurant')))
  t.notOk(placeOnly(readAmount('fast food fries')), 'a food')
  t.notOk(placeOnly(readAmount('2 restaurant')), 'an amount of its own')
})

t.test('genericDish: an article and a dish only a generic row names', async (t) => {
  // 27500300 Sandwich wrap, NFS is generic; 51180010 Bagel is not.
  t.ok(genericDish('a wrap', readAmount('a wrap'), match('sandwich wrap')))
  t.notOk(genericDish('a bagel', readAmount('a bagel'), match('bagel')))
  t.notOk(genericDish('2 wraps', readAmount('2 wraps'), match('sandwich wrap')), 'a count of its own')
})

t.test('holdsWhatFollows: a food weighed whole as a sentence says it, not as an app-style list does', async (t) => {
  const lamb = match('roast lamb')
  const placed = (text: string): Placed => ({ index: 0, text, found: lamb, size: null, amount: readAmount(text) })
  t.ok(holdsWhatFollows(placed('200 g of roast lamb')))
  t.ok(holdsWhatFollows(placed('roast lamb, 200 g')))
  t.notOk(holdsWhatFollows(placed('200g roast lamb')), 'an app-style list')
  t.notOk(holdsWhatFollows(placed('a plate of roast lamb')), 'a serving, not a weight')
})
