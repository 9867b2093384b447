import fc from 'fast-check'
import t from 'tap'
import { foods } from '../../../src/advice/data/foods.js'
import { STOPWORDS, fold, foldAscii, foldUnicode, stem, tokens } from '../../../src/advice/text/tokens.js'
import { FUZZ_SEED, fuzzRuns } from '../../helpers/fuzz-seed.js'

t.test('fold: lower case, no accents, one kind of quote, no possessive', async (t) => {
  t.equal(fold('Crème Brûlée'), 'creme brulee')
  t.equal(fold('Jalapeño   poppers!!'), 'jalapeno poppers', 'symbols and runs of spaces collapse')
  t.equal(fold('ﬁsh'), 'fish', 'compatibility forms (NFKD)')
  t.equal(fold('Ａ１'), 'a1', 'full-width letters and digits')
  t.equal(fold('McDonald’s Big Mac'), 'mcdonald big mac', 'curly possessive')
  t.equal(fold("Reese's Pieces"), 'reese pieces', 'straight possessive')
  t.equal(fold('it`s'), 'it', 'backtick as a quote')
  t.equal(fold("kids' meal"), 'kids meal', 'a trailing quote goes')
  t.equal(fold("rock 'n' roll"), 'rock n roll')
  t.equal(fold("o'clock"), 'oclock', 'a quote inside a word joins it')
  t.equal(fold('Half & half'), 'half half')
  t.equal(fold('Café au lait — 12 fl. oz'), 'cafe au lait 12 fl. oz', 'dots stay (decimals, abbreviations)')
  t.equal(fold('2% milk, 1/2 cup'), '2% milk 1/2 cup', 'percent and slash stay')
  t.equal(fold('  \t\n '), '')
  t.equal(fold(''), '')
})

t.test('fold: the ASCII path gives what the general path gives, on every table string and on any printable ASCII', async (t) => {
  const ascii = /^[\x20-\x7e]*$/
  const table = foods.flatMap((f) => [f.description, ...f.synonyms, ...f.aliases]).filter((s) => ascii.test(s))
  t.ok(table.length > 5000)
  t.same(table.filter((s) => foldAscii(s) !== foldUnicode(s)), [])
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
  // Quotes, possessives and runs of spaces are where the two paths could part: drawn often.
  const unit = fc.oneof(fc.constantFrom(...printable), fc.constantFrom("'", "'s", '`', '  ', ' ', 's'))
  fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), (s) => foldAscii(s) === foldUnicode(s)), { numRuns: fuzzRuns(20_000), seed: FUZZ_SEED })
  t.equal(fold("Kid`s  MEAL's, 2%"), foldUnicode("Kid`s  MEAL's, 2%"))
})

t.test('stem: singulars by suffix, irregulars by table', async (t) => {
  const cases: Array<[string, string]> = [
    ['berries', 'berry'], ['cherries', 'cherry'], ['potatoes', 'potato'], ['tomatoes', 'tomato'], ['mangoes', 'mango'],
    ['toasted', 'toast'], ['sliced', 'slice'], ['mashed', 'mash'], ['smoked', 'smoke'], ['iced', 'ice'],
    ['glass', 'glass'], ['bass', 'bass'], ['classes', 'class'], ['dishes', 'dish'], ['peaches', 'peach'], ['boxes', 'box'],
    ['apples', 'apple'], ['eggs', 'egg'], ['chips', 'chip'],
    // -os plurals lose their s like any other ("Oreos" meets the synonym "Oreo"); -us and -is words keep theirs.
    ['hummus', 'hummus'], ['tennis', 'tennis'], ['nachos', 'nacho'], ['oreos', 'oreo'], ['tacos', 'taco'], ['roasted', 'roast'],
    ['gas', 'gas'], ['pies', 'pie'], ['ties', 'tie'], ['fries', 'fry'], ['cookies', 'cookie'], ['brownies', 'brownie'],
    ['leaves', 'leaf'], ['loaves', 'loaf'], ['halves', 'half'], ['knives', 'knife'], ['children', 'child'],
    ['smoothies', 'smoothie'], ['doughnuts', 'donut'], ['doughnut', 'donut'], ['yoghurt', 'yogurt'], ['yogurts', 'yogurt'],
    ['courgette', 'zucchini'], ['aubergine', 'eggplant'],
    ['milk', 'milk'], ['bus', 'bus'], ['is', 'is'], ['s', 's'], ['', '']
  ]
  for (const [word, want] of cases) t.equal(stem(word), want, `${word} → ${want}`)
  t.equal(stem(stem('berries')), 'berry', 'stemming twice changes nothing')
  // The irregular and participle tables are plain objects: only their own keys count, never Object.prototype's.
  t.equal(stem('constructor'), 'constructor', 'a word that is an Object.prototype key')
})

t.test('tokens: folded, split, stopwords and lone letters dropped, stemmed', async (t) => {
  t.same(tokens('a slice of the pizza with 2% milk'), ['slice', 'pizza', '2%', 'milk'])
  t.same(tokens('w/ cheese, 360 g'), ['cheese', '360'], 'the "w" of "w/" and the "g" of grams name nothing')
  t.same(tokens('7 up'), ['7', 'up'], 'a lone digit stays')
  t.same(tokens('Pizza, NFS'), ['pizza'])
  t.same(tokens('Soft drink, cola, diet'), ['soft', 'drink', 'cola', 'diet'])
  t.same(tokens('fish. chips/peas'), ['fish', 'chip', 'pea'], 'split on space, dot and slash')
  t.same(tokens('1/2 cup'), ['1', '2', 'cup'])
  t.same(tokens('Strawberries, raw'), ['strawberry', 'raw'])
  t.same(tokens('Bread, whole wheat, toasted'), ['bread', 'whole', 'wheat', 'toast'])
  t.same(tokens("McDonald's fries"), ['mcdonald', 'fry'])
  t.same(tokens('Dunkin´s donuts'), ['dunkin', 'donut'], 'an acute accent used as a quote')
  t.same(tokens('mac n cheese'), ['mac', 'cheese'])
  t.same(tokens('a b c x'), [])
  t.same(tokens(''), [])
  t.same(tokens('the and of'), [])
})

t.test('tokens: "no added fat" states the usual case and says nothing to match; other negations join their word', async (t) => {
  t.same(tokens('Spinach, fresh, cooked, no added fat'), ['spinach', 'fresh', 'cooked'])
  t.same(tokens('green beans cooked without any added fat'), ['green', 'bean', 'cooked'])
  t.same(tokens('without added oil'), [])
  t.same(tokens('beans, no fat added'), ['bean'])
  t.same(tokens('Pizza, no cheese'), ['pizza', 'no_cheese'], 'a food left out is still a word of its own')
  t.same(tokens('milk without fat'), ['milk', 'no_fat'], 'fat-free milk is another food, not the usual case')
})

t.test('tokens: skin left uneaten reads alike in USDA\'s words and a person\'s', async (t) => {
  t.same(tokens('Chicken drumstick, rotisserie, skin not eaten'), ['chicken', 'drumstick', 'rotisserie', 'skinless', 'eaten'])
  t.same(tokens('Chicken drumstick, rotisserie, skin eaten'), ['chicken', 'drumstick', 'rotisserie', 'skin', 'eaten'], 'as many words either way: neither row is the default by length')
  for (const said of ['drumstick without the skin', 'drumstick, no skin', 'drumstick with the skin removed', 'skinless drumstick']) {
    t.ok(tokens(said).includes('skinless'), said)
  }
  t.notOk(tokens('drumstick with the skin').includes('skinless'))
  t.same(tokens('Potato, baked, peel not eaten'), ['potato', 'baked', 'peelless', 'eaten'], 'a peel likewise')
  t.same(tokens('baked potato without the peel'), ['baked', 'potato', 'peelless'])
  t.same(tokens('a peeled potato'), ['peelless', 'potato'])
})

t.test('STOPWORDS are folded words that name nothing', async (t) => {
  for (const w of ['a', 'the', 'with', 'w', 'nfs', 'ns', 'other', 'made', 'added', 'not']) t.ok(STOPWORDS.has(w), w)
  for (const w of ['diet', 'plain', 'regular', 'general', 'pizza']) t.notOk(STOPWORDS.has(w), w)
  t.same([...STOPWORDS].filter((w) => fold(w) !== w), [], 'every stopword is already folded')
})
