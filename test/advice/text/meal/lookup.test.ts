import t, { type Test } from 'tap'
import type { Food } from '../../../../src/advice/data/foods.js'
import { readAmount } from '../../../../src/advice/text/meal/amount.js'
import { createFoodLookup, headOf } from '../../../../src/advice/text/meal/lookup.js'

const lookup = createFoodLookup()

/** The food code a phrase is found as, or null when the lookup declines it. */
function codeOf (phrase: string): string | null {
  return lookup.find(lookup.words(phrase))?.food.code ?? null
}

/** A phrase, the FNDDS code the lookup must pick for it, and why. */
type Row = [phrase: string, code: string, why: string]
function expectRows (t: Test, rows: readonly Row[]): void {
  for (const [phrase, code, why] of rows) t.equal(codeOf(phrase), code, `${phrase} → ${why}`)
}

/** A made-up row: a small table makes the rarity weights (idf) easy to work by hand. */
function row (code: string, description: string, more: Partial<Food> = {}): Food {
  return { code, source: 'FNDDS 2021-2023', description, synonyms: [], aliases: [], category: 'test', kcalPer100g: 100, proteinPer100g: 1, carbsPer100g: 1, fatPer100g: 1, portions: [{ description: 'Quantity not specified', grams: 100 }], ...more }
}

t.test('headOf: the description before its first comma or "with", "on" or "in" phrase', async (t) => {
  // A sandwich's head is the sandwich, not its bread: "turkey sandwich" must end on this row's head
  // noun, or "Hot dog sandwich, turkey, …" (head "Hot dog sandwich") outranks it.
  t.equal(headOf('Turkey sandwich on white'), 'Turkey sandwich')
  t.equal(headOf('Turkey sandwich on white, with cheese'), 'Turkey sandwich')
  t.equal(headOf('Pizza with pepperoni, from restaurant or fast food, NS as to type of crust'), 'Pizza')
  t.equal(headOf('Soft drink, cola'), 'Soft drink')
  t.equal(headOf('Burrito, chicken, with beans, cheese'), 'Burrito')
  t.equal(headOf('Peanut butter and jelly sandwich, NFS'), 'Peanut butter and jelly sandwich')
  t.equal(headOf('Macaroni or noodles with cheese'), 'Macaroni or noodles')
  t.equal(headOf('Beer'), 'Beer')
})

t.test('words: content words, stemmed, with occasion words dropped', async (t) => {
  t.same(lookup.words('plain tortilla chips'), ['plain', 'tortilla', 'chip'])
  t.same(lookup.words('homemade breakfast burrito'), ['home', 'recipe', 'burrito'], '"breakfast" says when, not what; "homemade" is FNDDS\'s "home recipe"')
  t.same(lookup.words('Monday night dinner'), [])
  t.same(lookup.words('a cup of the'), ['cup'], 'stopwords and lone letters go')
  t.same(lookup.words(''), [])
})

t.test('words: our alias words rewrite the user\'s words into USDA\'s', async (t) => {
  t.same(lookup.words('soda'), ['soft', 'drink'])
  t.same(lookup.words('decaf latte'), ['decaffeinated', 'latte'])
  t.same(lookup.words('boiled groundnuts'), ['boiled', 'peanut'])
  t.same(lookup.words('fries'), ['french', 'fry'])
})

t.test('words: a typo is corrected to a word the table knows', async (t) => {
  t.same(lookup.words('spinnach'), ['spinach'], 'one edit in a word of 5–8 letters')
  t.same(lookup.words('pinapple'), ['pineapple'])
  t.same(lookup.words('ric'), ['ric'], 'short words are never corrected')
  t.same(lookup.words('xpinach'), ['xpinach'], 'the first letter is trusted')
})

t.test('find: the issue\'s foods, each by its FNDDS description', async (t) => {
  const cases: Array<[string, string]> = [
    ['plain tortilla chips', '54401075'], // Tortilla chips, plain
    ['caffeine free fruit flavored soft drink', '92410510'], // Soft drink, fruit flavored, caffeine free
    ['burrito chicken beans', '58102530'], // Burrito, chicken, with beans, cheese
    ['decaf latte', '92101910'], // Coffee, Latte, decaffeinated
    ['boiled groundnuts', '42111030'], // Peanuts, boiled
    ['boiled sweet potato', '73405000'], // Sweet potato, boiled, NS as to fat
    ['tap water', '94000100'], // Water, tap
    ['pepperoni pizza', '58106540'], // Pizza with pepperoni, from restaurant or fast food, NS as to type of crust
    ['peanut butter and jelly sandwich', '42302010'], // Peanut butter and jelly sandwich, NFS
    ['macaroni and cheese', '58145110'], // Macaroni or noodles with cheese
    ['water', '94000010'], // Water, NFS
    ['coffee', '92100000'], // Coffee, NS as to type
    ['latte', '92101900'], // Coffee, Latte
    ['beer', '93101000'], // Beer
    ['hamburger', '27510521'], // Hamburger, NFS
    ['diet coke', '92410320'] // Soft drink, cola, diet: "Diet Coke" is in its additional description
  ]
  for (const [phrase, code] of cases) t.equal(codeOf(phrase), code, phrase)
  const all = lookup.find(lookup.words('plain tortilla chips'))
  t.equal(all?.confidence, 1, 'every word in the description: full confidence')
  t.same(all?.words, ['plain', 'tortilla', 'chip'], 'the match keeps the words it was found by')
  const synonym = lookup.find(lookup.words('blueberry muffin'))
  t.equal(synonym?.food.code, '52302010', 'Muffin, fruit: "blueberry" is in its additional description')
  t.ok((synonym?.confidence as number) < 1, 'a word found only in the synonyms counts for less')
})

t.test('find: unknown words are declined, never guessed', async (t) => {
  t.equal(lookup.find([]), null)
  t.equal(codeOf('zorblax'), null)
  t.equal(codeOf('rice zorblax'), null, 'one known word of two rare ones is not enough')
  t.equal(codeOf('burrito lime mango pecan'), null)
})

t.test('find: FNDDS rows the lookup picks for plain words', async (t) => {
  const rows: Row[] = [
    ['cola', '92410310', 'Soft drink, cola (not "Whiskey and cola")'],
    ['diet cola', '92410320', 'Soft drink, cola, diet (not "Whiskey and diet cola")'],
    ['tea', '92302000', 'Tea, hot, leaf, black: FNDDS has no "Tea, NFS" (not "Tea, ginger")'],
    ['eggs', '31102000', 'Egg, whole, cooked, NS as to cooking method (not "Egg, whole, raw")'],
    ['chicken', '24100000', 'Chicken, NS as to part and cooking method, NS as to skin eaten (not "Chicken, meatless, NFS")'],
    ['burger', '27510521', 'Hamburger, NFS (not "Veggie burger, on bun")'],
    ['chocolate chip cookie', '53206000', 'Cookie, chocolate chip (not "Cookie, chocolate or fudge" through its synonym "with chips")'],
    ['spaghetti', '56130000', 'Pasta, cooked: "spaghetti" is in its additional description (not a frozen diet meal)'],
    ['honey walnuts', '42116100', 'Walnuts, honey roasted: an "excluding …" phrase names what a row is not (not "Walnuts, excluding honey roasted")'],
    ['walnuts', '42116000', 'Walnuts, excluding honey roasted: still the plain walnuts'],
    ['tuna sandwich on rye', '27550720', 'Tuna salad sandwich on white (not Whiskey, whose synonym "rye" ends the text)'],
    ['mexican coke', '92410310', 'Soft drink, cola: our name for the cane-sugar bottling (not Mexican pizza)']
  ]
  expectRows(t, rows)
})

t.test('find: everyday names that USDA puts a category before, by our aliases', async (t) => {
  // Each was a wrong row before its alias: USDA writes "Fish, cod" and "Bread, pita", so the ranking
  // found a row whose own head said the word ("Cape Cod", "Pita chips").
  const rows: Row[] = [
    ['cod', '26109110', 'Fish, cod, NFS (not the "Cape Cod" cocktail)'],
    ['salmon', '26137110', 'Fish, salmon, NFS (not SR Legacy raw farmed salmon)'],
    ['tuna', '26153110', 'Fish, tuna, NFS (not "Tuna with cream or white sauce")'],
    ['pita', '51109100', 'Bread, pita (not "Pita chips")'],
    ['parmesan', '14108010', 'Cheese, Parmesan, dry grated (not "Eggplant parmesan casserole")'],
    ['mozzarella', '14107010', 'Cheese, Mozzarella, NFS (not "Imitation cheese")'],
    ['tofu', '41420010', 'Soybean curd (not "Lentil curry")'],
    ['peanuts', '42111000', 'Peanuts, NFS (not a chocolate candy with nuts)'],
    ['granola', '57227000', 'Cereal, granola (not "Muffin, oatmeal")'],
    ['chocolate', '91705010', 'Chocolate candy (not "Atole de chocolate")'],
    ['candy bar', '91705010', 'Chocolate candy (not "Ice cream candy bar")'],
    ['french toast', '55300010', 'French toast, NFS (not "Bread, French or Vienna, toasted")'],
    ['grilled cheese', '14640100', 'Grilled cheese sandwich, NFS (not mozzarella)'],
    ['apple sauce', '63101110', 'Applesauce, regular (not "Apple, raw")'],
    ['poached egg', '31103010', 'Egg, whole, boiled or poached (not "Egg, white, cooked")'],
    ['hard boiled eggs', '31103010', 'Egg, whole, boiled or poached'],
    ['omelette', '32129990', 'Egg omelet or scrambled egg, NS as to fat (not an egg white omelet)'],
    ['chocolate cake', '53105270', 'Cake or cupcake, chocolate with chocolate icing, bakery (not "Cake, chocolate, flourless")'],
    ['meatloaf', '27260010', 'Meat loaf, NS as to type of meat (not "Meatloaf sandwich")'],
    ['peas', '75120000', 'Green peas, raw: raw, as for every vegetable named alone (not "Blackeyed peas, NFS")'],
    ['zucchini', '75128010', 'Summer squash, green, raw (not "Zucchini, pickled")'],
    ['side salad', '75143000', 'Lettuce, salad with assorted vegetables including tomatoes and/or carrots, no dressing (not a Caesar salad)'],
    ['chili with beans', '27111406', 'Chili with meat and beans (not "Baked beans", whose synonyms say chili)'],
    ['roasted vegetables', '75311020', 'Classic mixed vegetables, NS as to form, cooked (not a frozen pot-roast meal)'],
    ['clam chowder', '28355110', 'Soup, New England clam chowder: "clam chowder, NFS" in its synonyms (not Manhattan)'],
    ['onion rings', '75415022', 'Fried onion rings (not the "Onion flavored rings" snack)'],
    ['cheese omelette', '32130110', 'Egg omelet or scrambled egg, with cheese, made with oil: "NS as to fat" in its synonyms (not "with cheese and meat")'],
    ['tea with milk', '92306800', 'Tea, hot, with milk (not "Tea, bubble")'],
    ['everything bagel', '51180010', 'Bagel (was unmatched)'],
    ['salad', '75143000', 'Lettuce, salad with assorted vegetables…: "lettuce salad, NFS" in its synonyms (not "Cabbage salad, NFS")'],
    ['fried cod', '26109140', 'Fish, cod, fried (not the "Cape Cod" cocktail)'],
    ['grilled cod', '26109123', 'Fish, cod, grilled'],
    ['grilled salmon', '26137123', 'Fish, salmon, grilled (not SR Legacy raw farmed salmon)'],
    ['baked salmon', '26137120', 'Fish, salmon, baked or broiled'],
    ['potato salad', '71603010', 'Potato salad, made with mayonnaise: NS as to type of dressing (not "German style")']
  ]
  expectRows(t, rows)
})

t.test('acceptance, worked by hand on a four-row table', async (t) => {
  // Four rows, each word in one row: idf = ln(1 + 4/1) = ln 5 for every known word; an unknown
  // word counts df 0.5, idf = ln(1 + 4/0.5) = ln 9.
  const small = createFoodLookup([row('00000001', 'Pie, apple'), row('00000002', 'Banana, raw'), row('00000003', 'Cherry'), row('00000004', 'Date')])
  t.same(small.find(['apple']), { food: row('00000001', 'Pie, apple'), confidence: 1, words: ['apple'] }, 'coverage 1 needs no head')
  // ["pie", "cherry"]: each of Pie and Cherry explains ln5 / 2 ln5 = 0.5 < 0.6, but names its head
  // (≥ 0.29), so it is accepted; Pie leaves "apple" unsaid (−0.023), so Cherry wins.
  t.same(small.find(['pie', 'cherry']), { food: row('00000003', 'Cherry'), confidence: 0.5, words: ['pie', 'cherry'] })
  // ["pie", "zorblax"]: ln5 / (ln5 + ln9) = 1.609 / 3.807 = 0.42, with the head "Pie": accepted.
  t.equal(small.find(['pie', 'zorblax'])?.confidence, 0.42)
  // ["apple", "zorblax"]: also 0.42, but "apple" is not the head of "Pie, apple": declined.
  t.equal(small.find(['apple', 'zorblax']), null)
  // ["pie", "cherry", "date"]: 1/3 each, at least 0.29 with a head: accepted; Cherry and Date tie,
  // and the earlier row wins.
  t.equal(small.find(['pie', 'cherry', 'date'])?.food.description, 'Cherry')
  // With "banana" too: 1/4 each, below 0.29 even with a head: declined.
  t.equal(small.find(['pie', 'cherry', 'date', 'banana']), null)
})

t.test('the row index: "NS as to" is not required, NFS is preferred, aliases name a row', async (t) => {
  const table = createFoodLookup([
    row('00000011', 'Pizza, thin crust'),
    row('00000012', 'Pizza, NFS'),
    row('00000013', 'Cake, NS as to icing'),
    row('00000014', 'Cake, chocolate'),
    row('00000015', 'Stew, beef', { aliases: ['grandma special'] }),
    row('00000016', 'Special K cereal', { synonyms: ['grandma'] })
  ])
  t.equal(table.find(['pizza'])?.food.code, '00000012', 'the NFS row is the generic one')
  t.equal(table.find(['pizza', 'thin', 'crust'])?.food.code, '00000011')
  t.same(table.find(['cake'])?.food.code, '00000013', '"NS as to icing" asks nothing of the query')
  // Alias words count like synonyms, 0.85 each: coverage 0.85. "Special K cereal" says "special" in
  // its name and "grandma" in its synonyms, but an exact alias outranks any ranking.
  t.same(table.find(['grandma', 'special']), { food: row('00000015', 'Stew, beef', { aliases: ['grandma special'] }), confidence: 0.85, words: ['grandma', 'special'] }, 'an exact alias wins')
})

t.test('find: "white or NFS" leaves a colour open; it is not the generic row for its head', async (t) => {
  expectRows(t, [['white bread', '51101000', 'Bread, white, not 51122000 "Bread, reduced calorie and/or high fiber, white or NFS"']])
})

t.test('find: a cooked vegetable said without fat is the "no added fat" row, not the "fat added" one', async (t) => {
  expectRows(t, [
    // FNDDS 72125211 Spinach, fresh, cooked, no added fat (33 kcal/100 g) against 72125221 "…, fat added, NS as to fat type" (59):
    // the fat-type row leaves only the kind of fat open, so it is not the generic row.
    ['fresh cooked spinach', '72125211', 'Spinach, fresh, cooked, no added fat'],
    ['cooked frozen brussels sprouts', '75209012', 'Brussels sprouts, frozen, cooked, no added fat'],
    ['cooked frozen brussels sprouts with added fat', '75209022', 'Brussels sprouts, frozen, cooked, fat added']
  ])
})

t.test('find: "table wine" is wine by its colour; a submarine sandwich is a sub', async (t) => {
  expectRows(t, [
    ['red table wine', '93401010', 'Wine, red'],
    ['white table wine', '93401020', 'Wine, white'],
    ['cold cut submarine sandwich', '27580050', 'Multiple meat sandwich or sub, restaurant']
  ])
})

t.test('words: phrases said elsewhere are read as the USDA words', async (t) => {
  t.same(lookup.words('semi-skimmed milk'), ['reduced', 'fat', 'milk'])
  t.same(lookup.words('full cream milk'), ['whole', 'milk'])
  t.same(lookup.words('boiled hen egg'), ['boiled', 'egg'], 'an egg is the hen\'s unless another animal is named')
  t.same(lookup.words("cow's milk"), ['milk'])
  t.same(lookup.words('goat milk'), ['goat', 'milk'])
  expectRows(t, [
    ['semi skimmed milk', '11112110', 'Milk, reduced fat (2%)'],
    ['full-fat milk', '11111000', 'Milk, whole'],
    ['milk powder', '11810000', 'Milk, dry, not reconstituted'],
    ['powdered milk', '11810000', 'Milk, dry, not reconstituted'],
    ['cheese pizza with a thick crust out of the freezer', '58106205', 'Pizza, cheese, from frozen, thick crust'],
    ['milk chocolate', '91705005', 'Chocolate candy, other, NFS'],
    ['chocolate milk', '11511000', 'Chocolate milk, NFS'],
    ['frankfurter on a white bun', '27564000', 'Hot dog sandwich, NFS, on white bun'],
    ['beef frankfurter', '25210210', 'Hot dog, beef'],
    ['freezer pop', '91612000', 'Freezer pop: "pop" alone is a soft drink, the freezer pop keeps its name'],
    ['skinny latte', '92101901', 'Coffee, Latte, nonfat'],
    ['sweet tea', '92308000', 'Tea, iced, brewed, black, pre-sweetened with sugar'],
    ['cafe au lait', '92101850', 'Coffee, cafe con leche'],
    ['snickers', '91705520', 'Chocolate candy, nougat filled with nuts: the candy bar, not the brand\'s protein bar'],
    // "Strained" and "baby food" name FNDDS's Baby Toddler rows; strained yogurt is Greek yogurt.
    ['strained carrots', '76201010', 'Baby Toddler carrots, Stage 1'],
    ['squash baby food', '76205010', 'Baby Toddler squash, Stage 1'],
    ['baby carrots', '73101010', 'Carrots, raw: baby carrots are no baby food'],
    ['oat milk latte', '92101903', 'Coffee, Latte, with non-dairy milk: a latte, not the oat milk alone'],
    ['iced americano', '92102400', 'Iced Coffee, brewed: not ice cream'],
    ['steamed white rice', '56205008', 'Rice, white, cooked, no added fat: steaming adds none'],
    // Regional words for foods the USDA names in English.
    ['camote', '73401000', 'Sweet potato, NFS (Peru)'],
    ['choclo', '75109600', 'Corn, raw (Andes)'],
    ['smetana', '12310100', 'Sour cream, regular (Eastern Europe)'],
    ['cafecito', '92101800', 'Coffee, Cuban'],
    ['çay', '92302000', 'Tea, hot, leaf, black (Turkey)'],
    ['boiled whole milk', '11111000', 'Milk, whole: heated milk is milk, not "Egg, whole, boiled"'],
    ['oats milk', '11360200', 'Oat milk, not oats'],
    ['cookies shaped like animals', '53240000', 'Cookie, animal: the shape names the kind'],
    ['frying beef', '21000100', 'Beef, NFS: beef for frying, not beef tallow'],
    ['cheese puffs', '54401055', 'Cheese flavored corn snacks, not crab puffs with cream cheese'],
    ['fig bar', '53220030', 'Cookie, fig bar, not a raw fig']
  ])
  t.notOk(lookup.words('strained greek yogurt').includes('toddler'), 'strained yogurt is no baby food')
  t.notOk(lookup.words('skinny fries').includes('nonfat'), '"skinny" is nonfat only before a coffee drink')
})

t.test('a head of two foods is named only when both are said', async (t) => {
  expectRows(t, [
    ['ginger ale', '92410610', 'Soft drink, ginger ale: "Whiskey and ginger ale" names a whiskey not said'],
    ['cola', '92410310', 'Soft drink, cola, not Rum and cola'],
    ['whiskey and ginger ale', '93301184', 'Whiskey and ginger ale, both said']
  ])
})

t.test('"snack" ending a food\'s words is the food; alone, first or after an occasion word it is the occasion', async (t) => {
  expectRows(t, [['fruit snacks', '91746300', 'Candy, fruit snacks, not Fruit, NFS']])
  t.same(lookup.words('fruit snacks'), ['fruit', 'snack'])
  t.notOk(lookup.words('a little snack').includes('snack'), 'a little snack is the occasion')
  t.same(lookup.words('snack'), [])
  // First, it is the food when the source names one so: 53108200 "Snack cake, chocolate".
  t.same(lookup.words('snack cake'), ['snack', 'cake'])
})

t.test('a can or bottle said names the canned or bottled row among near equals', async (t) => {
  // "Soup, cream of tomato" (74601010) and "Soup, tomato, canned" (74602010) both have a "1 can" row and
  // each leaves one word unsaid ("cream", "canned"); the can said is the canned soup.
  t.equal(lookup.find(lookup.words('tomato soup'), readAmount('a can of tomato soup'))?.food.code, '74602010', 'a can of tomato soup')
  // With no container said, the plain row "Soup, tomato" (74601000) names every word and nothing more.
  t.equal(codeOf('tomato soup'), '74601000', 'tomato soup')
})
