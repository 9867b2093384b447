import t from 'tap'
import { createTextIndex, DEFAULT_RANK_WEIGHTS, type IndexEntry } from '../../../src/advice/text/text-index.js'

// A small hand-made table. Competing entries come first, so a win is never the index tie-break.
const entries: IndexEntry[] = [
  { name: 'Pepperoni, for pizza, sliced', head: 'Pepperoni', synonyms: [] },
  { name: 'Pizza with pepperoni, frozen', head: 'Pizza', synonyms: [] },
  { name: 'Soft drink, cola, diet', head: 'Soft drink', synonyms: ['Diet Coke', 'Diet Pepsi'] },
  { name: 'Soft drink, cola', head: 'Soft drink', synonyms: ['Coke', 'Pepsi', 'cola', 'the'] },
  { name: 'Tea, iced', head: 'Tea', synonyms: [] },
  { name: 'Tea, hot', head: 'Tea', synonyms: [], generic: true },
  { name: 'Quarter pounder cheese sauce', head: 'Sauce', synonyms: [] },
  { name: 'Hamburger, 1 large patty, with cheese', head: 'Hamburger', synonyms: [], aliases: ['quarter pounder with cheese', 'big burger'] },
  { name: 'Pizza, cheese, thin crust', head: 'Pizza', synonyms: [] },
  { name: 'Orange crush', head: 'Orange crush', synonyms: [] },
  { name: 'Margherita pizza', head: 'Pizza', synonyms: [] },
  { name: 'Margarita, frozen', head: 'Margarita', synonyms: [] },
  { name: 'Margarita, on the rocks', head: 'Margarita', synonyms: [] },
  { name: 'Mystery meat', head: '', synonyms: [] },
  { name: 'Burger, veggie', head: 'Burger', synonyms: [], aliases: ['big burger'] },
  { name: 'Rice, brown, cooked', head: 'Rice', synonyms: [] },
  { name: 'Rice, white, cooked', head: 'Rice', synonyms: [] }
]
const index = createTextIndex(entries)
const names = (words: string[], limit?: number): string[] => index.search(words, limit).map((c) => entries[c.index].name)
const top = (words: string[]): string | undefined => names(words)[0]

t.test('the head noun decides between entries that explain the words equally', async (t) => {
  const [pizza, pepperoni] = index.search(['pepperoni', 'pizza'])
  t.equal(entries[pizza.index].name, 'Pizza with pepperoni, frozen', '"pepperoni pizza" is a pizza')
  t.equal(entries[pepperoni.index].name, 'Pepperoni, for pizza, sliced')
  t.equal(pizza.coverage, 1)
  t.equal(pepperoni.coverage, 1, 'both names hold both words')
  t.ok(pizza.headHit && pepperoni.headHit)
  t.ok(pizza.score > pepperoni.score)
  t.equal(top(['pizza', 'pepperoni']), 'Pepperoni, for pizza, sliced', 'the last word is the head: English puts it last')
  t.same(names(['pizza']).slice(0, 3).sort(), ['Margherita pizza', 'Pizza with pepperoni, frozen', 'Pizza, cheese, thin crust'], 'pizzas before pepperoni')
})

t.test('every name word the text did not say costs a little', async (t) => {
  t.same(names(['cola']), ['Soft drink, cola', 'Soft drink, cola, diet'], 'plain "cola" is not diet')
  t.same(names(['diet', 'cola']), ['Soft drink, cola, diet', 'Soft drink, cola'])
  const [diet, regular] = index.search(['diet', 'cola'])
  t.equal(diet.coverage, 1)
  t.ok(regular.coverage < 0.5, 'the regular cola explains only the commoner word')
  t.equal(top(['rice']), 'Rice, white, cooked', '"white" and "cooked" state the usual case and cost nothing')
  t.equal(top(['brown', 'rice']), 'Rice, brown, cooked')
})

t.test('a generic entry is preferred when the text names nothing more', async (t) => {
  t.same(names(['tea']), ['Tea, hot', 'Tea, iced'])
  t.equal(top(['ice', 'tea']), 'Tea, iced', 'callers pass stemmed words ("iced" is "ice")')
  const flipped = createTextIndex(entries.map((e) => e.head === 'Tea' ? { ...e, generic: e.name === 'Tea, iced' } : e))
  t.equal(entries[flipped.search(['tea'])[0].index].name, 'Tea, iced', 'the flag, not the order, decides')
})

t.test('synonyms explain words at a discount; a whole synonym phrase names the entry', async (t) => {
  const [coke, diet] = index.search(['coke'])
  t.equal(entries[coke.index].name, 'Soft drink, cola')
  t.equal(coke.coverage, 0.85, 'a synonym word counts 85 %')
  t.ok(coke.headHit, '"coke" is a whole synonym phrase')
  t.equal(entries[diet.index].name, 'Soft drink, cola, diet')
  t.notOk(diet.headHit, 'half of "Diet Coke" is not the phrase')
  t.equal(top(['diet', 'coke']), 'Soft drink, cola, diet')
  const [cola] = index.search(['cola'])
  t.notOk(cola.headHit, 'a synonym the name already says ("cola") is no phrase, and "cola" is not the head')
  // A one-word synonym at the end names the entry only when the entry explains most of the words:
  // "rye" is Whiskey's synonym, but "tuna salad sandwich on rye" is a sandwich.
  const bar = createTextIndex([
    { name: 'Whiskey', head: 'Whiskey', synonyms: ['bourbon', 'rye'] },
    { name: 'Tuna salad sandwich on white', head: 'Tuna salad sandwich', synonyms: [] },
    { name: 'Tuna salad sandwich on wheat', head: 'Tuna salad sandwich', synonyms: [] },
    { name: 'Ham sandwich on white', head: 'Ham sandwich', synonyms: [] },
    { name: 'Tuna casserole', head: 'Tuna casserole', synonyms: [] }
  ])
  const ranked = bar.search(['tuna', 'salad', 'sandwich', 'rye'])
  const whiskey = ranked.find((c) => c.index === 0)
  t.equal(ranked[0].index, 1, 'the sandwich first')
  t.ok(whiskey !== undefined && whiskey.coverage < 0.4, 'Whiskey explains only "rye"')
  t.notOk(whiskey?.headHit, '"rye" after words Whiskey does not explain does not name it')
  t.ok(bar.search(['rye'])[0].headHit, '"rye" alone still names it')
})

t.test('an exact alias outranks any ranking', async (t) => {
  const [burger, sauce] = index.search(['quarter', 'pounder', 'cheese'])
  t.equal(entries[burger.index].name, 'Hamburger, 1 large patty, with cheese')
  t.equal(entries[sauce.index].name, 'Quarter pounder cheese sauce')
  t.equal(sauce.coverage, 1, 'the sauce holds every word in its name')
  t.ok(burger.coverage < 1, 'the burger only through its alias')
  t.ok(burger.headHit, 'an alias said whole names the entry')
  t.ok(burger.score > sauce.score + 1)
  t.equal(top(['cheese', 'quarter', 'pounder']), 'Hamburger, 1 large patty, with cheese', 'word order does not matter')
  t.equal(top(['quarter', 'pounder', 'cheese', 'cheese']), 'Hamburger, 1 large patty, with cheese', 'repeated words do not matter')
  t.equal(top(['quarter', 'pounder']), 'Quarter pounder cheese sauce', 'part of an alias is no alias')
  t.same(names(['big', 'burger']), ['Burger, veggie', 'Hamburger, 1 large patty, with cheese'], 'a shared alias lifts both; the ranking orders them')
})

t.test('search: recall, limits and odd queries', async (t) => {
  t.same(index.search([]), [])
  t.equal(index.search(['pizza']).length, 4, 'every entry with the word')
  t.equal(index.search(['pizza'], 1).length, 1)
  t.ok(index.search(['pizza', 'cheese', 'pepperoni', 'sauce', 'frozen', 'crust', 'rice']).length <= 5, 'five by default')
  t.same(index.search(['quidditch']), [], 'an unknown word finds nothing')
  const [cola] = index.search(['cola', 'quidditch'])
  t.equal(entries[cola.index].name, 'Soft drink, cola', 'an unknown word still counts against coverage')
  t.ok(cola.coverage < 0.5)
  const [crust] = index.search(['crust'])
  t.equal(entries[crust.index].name, 'Pizza, cheese, thin crust')
  t.notOk(crust.headHit, 'a modifier alone is not the head')
  const [meat] = index.search(['meat'])
  t.equal(entries[meat.index].name, 'Mystery meat', 'an entry with no head words still ranks')
  t.notOk(meat.headHit)
  t.same(names(['cheese', 'pizza']).slice(0, 1), ['Pizza, cheese, thin crust'], 'entries with every word first')
  const twins = createTextIndex([
    { name: 'Apple pie', head: 'Pie', synonyms: [] },
    { name: 'Apple pie', head: 'Pie', synonyms: [] },
    { name: 'Apple pie', head: 'Pie', synonyms: [] }
  ])
  t.same(twins.search(['apple', 'pie']).map((c) => c.index), [0, 1, 2], 'equal scores keep the table order')
})

t.test('correct: one edit for 5-8 letters, two for longer, none for short words', async (t) => {
  t.same(index.correct(['pizzza', 'peperoni', 'chese', 'hamburgr']), ['pizza', 'pepperoni', 'cheese', 'hamburger'], 'one edit')
  t.same(index.correct(['hambrgr']), ['hambrgr'], 'two edits in seven letters: left alone')
  t.same(index.correct(['pepperonni', 'peppperonni', 'margaritta']), ['pepperoni', 'pepperoni', 'margarita'], 'nine letters or more: up to two edits')
  t.same(index.correct(['piza', 'mac', 'tea', 'col']), ['piza', 'mac', 'tea', 'col'], 'under five letters: never')
  t.same(index.correct(['xizza']), ['xizza'], 'the first letter is kept')
  t.same(index.correct(['pizza', 'cola']), ['pizza', 'cola'], 'known words stay')
  t.same(index.correct(['2%', '12oz', 'pizza2']), ['2%', '12oz', 'pizza2'], 'words with digits stay')
  t.same(index.correct(['pizzapizzapizzapizzapizza']), ['pizzapizzapizzapizzapizza'], 'over 24 letters: left alone')
  t.same(index.correct(['quidditch']), ['quidditch'], 'nothing near')
  t.same(index.correct(['margherite']), ['margherita'], 'the nearer word wins over a commoner one two edits away')
  t.same(index.correct([]), [])
})

t.test('correct: among words equally near, the commoner wins', async (t) => {
  const crust = createTextIndex([
    { name: 'Orange crush', head: 'Orange crush', synonyms: [] },
    { name: 'Pie crust', head: 'Crust', synonyms: [] },
    { name: 'Pizza crust', head: 'Crust', synonyms: [] }
  ])
  t.same(crust.correct(['crusx']), ['crust'], 'crust is in two entries, crush in one')
  const crush = createTextIndex([
    { name: 'Pie crust', head: 'Crust', synonyms: [] },
    { name: 'Orange crush', head: 'Orange crush', synonyms: [] },
    { name: 'Grape crush', head: 'Grape crush', synonyms: [] }
  ])
  t.same(crush.correct(['crusx']), ['crush'])
})

t.test('knows: the index\'s own words, names and synonyms, stemmed', async (t) => {
  t.ok(index.knows('pizza'))
  t.ok(index.knows('coke'), 'a synonym word')
  t.ok(index.knows('big'), 'an alias word')
  t.ok(index.knows('slice'), '"sliced" is indexed as "slice"')
  t.notOk(index.knows('sliced'))
  t.notOk(index.knows('pizzas'), 'callers pass stemmed words')
  t.notOk(index.knows('the'), 'stopwords are never indexed')
  t.notOk(index.knows('quidditch'))
  t.notOk(createTextIndex([]).knows('pizza'))
  t.same(createTextIndex([]).search(['pizza']), [])
})

t.test('a head of two words said whole and in order outranks the same words out of order', async (t) => {
  // The competing row comes first, so without the feature the tie goes to it.
  const rolls: IndexEntry[] = [
    { name: 'Roll, egg bread', head: 'Roll', synonyms: [] },
    { name: 'Egg roll, meatless', head: 'Egg roll', synonyms: [] }
  ]
  const said = createTextIndex(rolls, { ...DEFAULT_RANK_WEIGHTS, headPhrase: 0.1 })
  t.equal(rolls[said.search(['egg', 'roll'])[0].index].name, 'Egg roll, meatless')
  t.equal(rolls[said.search(['roll', 'egg'])[0].index].name, 'Roll, egg bread', 'out of order: no bonus, the tie stays')
  t.equal(rolls[createTextIndex(rolls).search(['egg', 'roll'])[0].index].name, 'Roll, egg bread', 'weight 0: off')
})

t.test('a synonym phrase names the entry only said in its own order', async (t) => {
  // The competing row comes first; "pizza cheese" is its synonym, in the other order.
  const rows: IndexEntry[] = [
    { name: 'Cheese, Mozzarella', head: 'Cheese', synonyms: ['pizza cheese'] },
    { name: 'Pizza, cheese', head: 'Pizza', synonyms: [] }
  ]
  const index = createTextIndex(rows)
  t.equal(rows[index.search(['cheese', 'pizza'])[0].index].name, 'Pizza, cheese', '"cheese pizza" is a pizza')
  t.equal(rows[index.search(['pizza', 'cheese'])[0].index].name, 'Cheese, Mozzarella', '"pizza cheese" is the synonym')
})
