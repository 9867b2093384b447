import t from 'tap'
import { mealSegments, normalizeMeal } from '../../../../src/advice/text/meal/text.js'

t.test('normalizeMeal: "pb&j" in its spellings is one word', async (t) => {
  for (const text of ['pb&j', 'PB & J', 'pb and j', 'pb n j', 'pbj']) t.equal(normalizeMeal(text), ' pbj ', text)
  t.equal(normalizeMeal('pb and jam'), ' pb and jam ', 'only a lone "j"')
})

t.test('normalizeMeal: number words become digits', async (t) => {
  t.equal(normalizeMeal('Two eggs'), ' 2 eggs ')
  t.equal(normalizeMeal('twelve eleven fifteen twenty hundred'), ' 12 11 15 20 100 ')
  t.equal(normalizeMeal('one banana'), ' 1 banana ')
  t.equal(normalizeMeal('someone'), ' someone ', 'a number word inside another word stays')
})

t.test('normalizeMeal: mixed numbers and halves', async (t) => {
  t.equal(normalizeMeal('two and a half cups'), ' 2.5 cups ')
  t.equal(normalizeMeal('2 and 1/2 cups'), ' 2.5 cups ')
  t.equal(normalizeMeal('one and a half cups'), ' 1.5 cups ')
  t.equal(normalizeMeal('a and 1/2 cups'), ' 1.5 cups ')
  t.equal(normalizeMeal('1 1/2 cups of milk'), ' 1.5 cups of milk ')
  t.equal(normalizeMeal('2 3/4 cups'), ' 2.75 cups ')
  t.equal(normalizeMeal('1/2 cup'), ' 1/2 cup ', 'a plain fraction is left for readAmount')
})

t.test('normalizeMeal: dozens and vague amounts follow the documented policy', async (t) => {
  t.equal(normalizeMeal('half a dozen eggs'), ' 6 eggs ')
  t.equal(normalizeMeal('half dozen eggs'), ' 6 eggs ')
  t.equal(normalizeMeal('3 dozen eggs'), ' 36 eggs ')
  t.equal(normalizeMeal('two dozen eggs'), ' 24 eggs ')
  t.equal(normalizeMeal('a dozen eggs'), ' 12 eggs ')
  t.equal(normalizeMeal('dozen eggs'), ' 12 eggs ')
  t.equal(normalizeMeal('a couple of eggs'), ' 2 eggs ')
  t.equal(normalizeMeal('couple eggs'), ' 2 eggs ')
  t.equal(normalizeMeal('a few crackers'), ' 3 crackers ')
  t.equal(normalizeMeal('several cookies'), ' 3 cookies ')
})

t.test('normalizeMeal: parts of a whole', async (t) => {
  t.equal(normalizeMeal('half a cup of rice'), ' 0.5 cup of rice ')
  t.equal(normalizeMeal('half of the pie'), ' 0.5 pie ')
  t.equal(normalizeMeal('half my sandwich'), ' 0.5 sandwich ')
  t.equal(normalizeMeal('a half of a sandwich'), ' 0.5 sandwich ')
  t.equal(normalizeMeal('one-half cup'), ' 0.5 cup ')
  t.equal(normalizeMeal('three quarters of a pizza'), ' 0.75 pizza ')
  t.equal(normalizeMeal('a quarter of a pie'), ' 0.25 pie ')
  t.equal(normalizeMeal('one third of a cake'), ' 0.33 cake ')
  t.equal(normalizeMeal('a quarter pounder'), ' a quarter pounder ', 'a quarter pounder is a burger, not a quarter')
})

t.test('normalizeMeal: typography folds to plain lower-case text', async (t) => {
  t.equal(normalizeMeal('“Mom’s” chili'), ' mom chili ', 'curly quotes dropped, possessive removed')
  t.equal(normalizeMeal('Jane\'s pie'), ' jane pie ')
  t.equal(normalizeMeal('ＦＵＬＬ width'), ' full width ', 'NFKC folds full-width letters')
  t.equal(normalizeMeal('200g rice'), ' 200 g rice ', 'a number glued to its unit is split')
  t.equal(normalizeMeal('toast w/ jam'), ' toast with jam ')
  t.equal(normalizeMeal('mac & cheese'), ' mac and cheese ')
  t.equal(normalizeMeal('stir-fry'), ' stir fry ', 'a hyphen between letters is a space')
  t.equal(normalizeMeal('  lots   of \t space '), ' lots of space ')
  t.equal(normalizeMeal(''), '  ')
})

t.test('normalizeMeal: vulgar-fraction glyphs become fractions', async (t) => {
  // The glyph table maps "½" to " 1/2", so "½ cup" is read like "1/2 cup" and "1½" like "1 1/2". It runs
  // before NFKC, which would turn "½" into "1⁄2" (U+2044 FRACTION SLASH).
  t.equal(normalizeMeal('½ cup of rice'), ' 1/2 cup of rice ')
  t.equal(normalizeMeal('1½ cups of milk'), ' 1.5 cups of milk ')
  t.equal(normalizeMeal('¼ lb'), ' 1/4 lb ')
})

t.test('mealSegments: the issue\'s lunch, with narrative, Oxford comma and a soft-joined dish', async (t) => {
  t.same(mealSegments('For lunch, I\'m having a cup of plain tortilla chips, a can of caffeine-free fruit-flavored soft drink, and a small burrito with chicken and beans.'), [
    ['a cup of plain tortilla chips'],
    ['a can of caffeine free fruit flavored soft drink'],
    ['a small burrito', 'chicken', 'beans']
  ])
})

t.test('mealSegments: the issue\'s coffee-shop breakfast drops when and where', async (t) => {
  t.same(mealSegments('This morning I grabbed a large decaf latte and a blueberry muffin from the coffee shop.'),
    [['a large decaf latte', 'a blueberry muffin']])
})

t.test('mealSegments: hard boundaries always separate items', async (t) => {
  t.same(mealSegments('eggs, bacon, and toast'), [['eggs'], ['bacon'], ['toast']], 'Oxford comma')
  t.same(mealSegments('eggs, bacon and toast'), [['eggs'], ['bacon', 'toast']], 'no Oxford comma: the last pair is soft')
  t.same(mealSegments('eggs; bacon! toast? (jam) tea. milk'), [['eggs'], ['bacon'], ['toast'], ['jam'], ['tea'], ['milk']])
  t.same(mealSegments('rice 1.5 cups. beans'), [['rice 1.5 cups'], ['beans']], 'a decimal point is not a full stop')
  for (const joiner of [
    'plus', 'along with', 'alongwith', 'paired with', 'alongside', 'together with', 'followed by', 'and then', 'then',
    'accompanied by', 'washed down with', 'served with', 'with a side of', 'with sides of', 'with side of', 'and a side of',
    'chased with', 'dunked in', 'dipped in', 'washed down by'
  ]) {
    t.same(mealSegments(`toast ${joiner} jam`), [['toast'], ['jam']], joiner)
  }
})

t.test('mealSegments: "as well as" is a hard boundary', async (t) => {
  // The filler pattern that removes "as well" must leave "as well as" whole.
  t.same(mealSegments('toast as well as jam'), [['toast'], ['jam']])
})

t.test('mealSegments: soft boundaries give alternatives a dish may join', async (t) => {
  t.same(mealSegments('a bagel with cream cheese'), [['a bagel', 'cream cheese']])
  t.same(mealSegments('peanut butter and jelly sandwich'), [['peanut butter', 'jelly sandwich']])
  t.same(mealSegments('chicken over rice'), [['chicken', 'rice']])
  t.same(mealSegments('bread & butter'), [['bread', 'butter']])
  t.same(mealSegments('tuna salad made with mayo'), [['tuna salad', 'mayo']], 'a cooking medium joins softly')
  t.same(mealSegments('spinach sauteed in olive oil'), [['spinach', 'olive oil']])
  t.same(mealSegments('pie with ice cream on top'), [['pie', 'ice cream']])
  t.same(mealSegments('cake on top'), [['cake']], '"on top" at the end joins nothing')
})

t.test('mealSegments: a topping joins its dish softly; "topped it with" starts another item', async (t) => {
  // The parser decides: a row that names the dish with it ("pizza topped with vegetables"), or two foods.
  t.same(mealSegments('oatmeal topped with berries'), [['oatmeal topped', 'berries']])
  t.same(mealSegments('oatmeal, topped it with berries'), [['oatmeal'], ['berries']])
  t.same(mealSegments('rice covered in sauce'), [['rice covered', 'sauce']])
  t.same(mealSegments('rice covered with sauce'), [['rice covered', 'sauce']])
  t.same(mealSegments('ice cream on top of pie'), [['ice cream'], ['pie']])
})

t.test('mealSegments: connectors at the edge of a part are dropped', async (t) => {
  for (const lead of ['and', 'with', 'or', 'a side of', 'side of', 'some', 'of', 'served with', 'over', 'on']) {
    t.same(mealSegments(`${lead} fries`), [['fries']], lead)
  }
  t.same(mealSegments('toast and'), [['toast']])
  t.same(mealSegments('toast, and then jam'), [['toast'], ['jam']])
})

t.test('mealSegments: narrative (who, when, where, filler) is removed', async (t) => {
  const cases: Array<[string, string[][]]> = [
    ['My wife had soup', [['soup']]],
    ['we ate pizza at 7pm', [['pizza']]],
    ['at noon a sandwich', [['a sandwich']]],
    ['lunch was a salad', [['a salad']]],
    ['breakfast today was eggs', [['eggs']]],
    ['for a quick breakfast oats', [['oats']]],
    ['yesterday evening pasta', [['pasta']]],
    ['pizza at work', [['pizza']]],
    ['pizza from the local bakery', [['pizza']]],
    ['pizza on the go', [['pizza']]],
    ['pizza before my workout', [['pizza']]],
    ['it was delicious pizza', [['pizza']]],
    ['i just quickly had a pizza', [['a pizza']]],
    ['I\'m having pizza', [['pizza']]],
    ['I\'ve eaten pizza', [['pizza']]],
    ['I treated myself to pizza', [['pizza']]],
    ['I poured myself milk', [['milk']]],
    ['i fixed myself a sandwich', [['a sandwich']]],
    ['at the diner 2 pancakes', [['2 pancakes']]],
    ['in Lisbon 2 pastries', [['2 pastries']]],
    ['lunch in dakar was 400 g of rice', [['400 g of rice']]]
  ]
  for (const [text, segments] of cases) t.same(mealSegments(text), segments, text)
})

t.test('mealSegments: occasion after the food, weight restatements and cooking verbs', async (t) => {
  t.same(mealSegments('a burger during soccer practice'), [['a burger']])
  t.same(mealSegments('a pizza from the freezer'), [['a pizza from the freezer']], 'where the food came from can name its row')
  t.same(mealSegments('late night 300 ml of milk'), [['300 ml of milk']])
  t.same(mealSegments('410 g chili prepared'), [['410 g chili']])
  // The verb goes after the amount and before the food's words, which end on the head noun.
  t.same(mealSegments('grilled an 8 oz sirloin steak'), [['an 8 oz grilled sirloin steak']], 'the cooking verb goes after the amount')
  t.same(mealSegments('brewed a cup of coffee'), [['a cup of brewed coffee']])
  // A place the food came from goes with the rest of its phrase ("down the street").
  t.same(mealSegments('a sandwich from the deli down the street'), [['a sandwich']])
})

t.test('mealSegments: a short heading before a colon or dash names the occasion', async (t) => {
  t.same(mealSegments('Breakfast in Nairobi: 2 eggs and toast'), [['2 eggs', 'toast']])
  t.same(mealSegments('Braai in Joburg - boerewors and pap'), [['boerewors', 'pap']])
  t.same(mealSegments('the big family brunch at the farm: 2 eggs'), [['2 eggs']], 'seven words is still a heading')
  t.same(mealSegments('rye toast with butter and jam and honey: 2 eggs'),
    [['rye toast', 'butter', 'jam', 'honey'], ['2 eggs']], 'eight words is a food list, not a heading')
  t.same(mealSegments('2 eggs: scrambled'), [['2 eggs'], ['scrambled']], 'a heading has no digits')
})

t.test('mealSegments: parts without a letter are dropped', async (t) => {
  t.same(mealSegments(''), [])
  t.same(mealSegments('1, 2, 3'), [])
  t.same(mealSegments('!!! ... ???'), [])
})

t.test('mealSegments: a present-tense snacking verb is narrative', async (t) => {
  t.same(mealSegments('Snacking on 2 tablespoons of hummus with 10 baby carrots'), [['2 tablespoons of hummus', '10 baby carrots']])
})

t.test('mealSegments: a weight said after the food is the item\'s, whatever introduces it', async (t) => {
  t.same(mealSegments('a chicken burrito that weighs 250 grams'), [['a chicken burrito 250 grams']])
  t.same(mealSegments('a slice of pizza weighing 140 grams'), [['a slice of pizza 140 grams']])
  t.same(mealSegments('cheese pizza at 120 grams'), [['cheese pizza 120 grams']])
  t.same(mealSegments("a bottle of water that's 507 grams"), [['a bottle of water 507 grams']])
  t.same(mealSegments('a cherry tart that is 108 grams'), [['a cherry tart 108 grams']], '"that is" before a weight is no clause to drop')
  t.same(mealSegments('a 200-gram bean burrito'), [['a 200 gram bean burrito']], 'a hyphenated weight')
  t.same(mealSegments('a fresh 200 gram apple'), [['a 200 gram fresh apple']], 'a weight after an adjective is still the amount')
  t.same(mealSegments('a grilled cheese sandwich, 180 g'), [['a grilled cheese sandwich, 180 g']], 'a part of only a weight restates the item before')
  t.same(mealSegments('a muffin from a bakery and 30 grams of butter'), [['a muffin from a bakery', '30 grams of butter']],
    'a weight after "and" starts the next food; it is no adjective of the one before')
})

t.test('mealSegments: a weight ends the dish said over soft joins, and goes to the piece that names it', async (t) => {
  t.same(mealSegments('a cookie made with peanut butter that weighs 14 grams'), [['a cookie 14 grams', 'peanut butter']])
  t.same(mealSegments('a taco with meat and sour cream, about 109 grams'), [['a taco 109 grams', 'meat', 'sour cream']])
  // The weight closes its item: what follows the soft join is another item.
  t.same(mealSegments('a roll weighing 43 grams and hard candy at 1 gram'), [['a roll 43 grams'], ['hard candy 1 gram']])
  // A piece with an article or an amount of its own starts the dish the weight belongs to.
  t.same(mealSegments('a fresh 200 gram apple and a roll weighing 43 grams'), [['a 200 gram fresh apple'], ['a roll 43 grams']])
  t.same(mealSegments('a chicken thigh with the skin on, 118 g'), [['a chicken thigh 118 g', 'the skin on']])
})

t.test('mealSegments: a filling list still joins when narrative inside it is gone; "kicked off" frames the meal', async (t) => {
  t.same(mealSegments('a wrap with chicken, lettuce, tomato, and some sauce, weighing 210 grams'), [['a wrap 210 grams', 'chicken', 'lettuce', 'tomato', 'sauce']])
  t.same(mealSegments('I kicked off dinner with a 500 g lemonade and a 60 g roll'), [['a 500 g lemonade', 'a 60 g roll']])
  t.same(mealSegments('a burrito with rice, beans, and cheese that weighs 300 grams, plus 500 grams of water'),
    [['a burrito 300 grams', 'rice', 'beans', 'cheese'], ['500 grams of water']], 'a weight may end the list; it is the dish\'s')
  t.same(mealSegments('a pear that weighs 180 grams and a muffin'), [['a pear 180 grams'], ['a muffin']], 'a weight before "and" ends its item')
  t.same(mealSegments('a cola to drink'), [['a cola']])
  t.same(mealSegments('I am going to have a 90-gram bagel'), [['a 90 gram bagel']], 'what the person will do is narrative too')
})

t.test('mealSegments: a trailing weight is not the dish\'s when the dish was weighed already', async (t) => {
  t.same(mealSegments('250 grams of lentil soup with rice and some bread weighing 80 grams'), [['250 grams of lentil soup', 'rice'], ['bread 80 grams']])
  t.same(mealSegments('a cookie made with peanut butter 14 g'), [['a cookie 14 g', 'peanut butter']], 'a dish said without a weight still takes it')
})

t.test('mealSegments: a container said after the food is its amount', async (t) => {
  t.same(mealSegments('a diet cola in a 12 fl oz can'), [['a 12 fl oz can of diet cola']])
  t.same(mealSegments('chips and a root beer in a bottle'), [['chips', 'a bottle of root beer']])
  t.same(mealSegments('a salad in a bowl with dressing'), [['a bowl of salad', 'dressing']])
})

t.test('mealSegments: words before a weight said with "of" are narrative or a restated amount', async (t) => {
  t.same(mealSegments('dinner consists of 61.3g of chapati'), [['61.3 g of chapati']])
  t.same(mealSegments('I mixed 33g of pasta with 5g of oil'), [['33 g of pasta', '5 g of oil']])
  t.same(mealSegments('a glass of 240 grams of tap water'), [['240 grams of tap water']], 'the weight restates the glass')
  t.same(mealSegments('2 eggs'), [['2 eggs']], 'a count is not a weight')
})

t.test('mealSegments: framing verbs and sequence words are narrative', async (t) => {
  t.same(mealSegments('toast with jam, to wash it down a glass of milk'), [['toast', 'jam'], ['a glass of milk']])
  t.same(mealSegments('I started my day with a cup of coffee'), [['a cup of coffee']])
  t.same(mealSegments('a hot dog and finally a slice of pie, which rounds everything off nicely'), [['a hot dog', 'a slice of pie']])
})

t.test('mealSegments: a plus sign separates items; shorthand is spelled out; a trailing "x2" is a count', async (t) => {
  t.same(mealSegments('whopper + lg coke'), [['whopper'], ['large coke']])
  t.same(mealSegments('10pc nuggets + sm fries'), [['10 piece nuggets'], ['small fries']])
  t.same(mealSegments('heineken x2, string cheese x 3'), [['2 heineken'], ['3 string cheese']])
  t.same(mealSegments('qtr pounder w cheese'), [['quarter pounder', 'cheese']])
})

t.test('mealSegments: what goes "in my" drink or dish is an item of its own', async (t) => {
  t.same(mealSegments('a tablespoon of sugar in my coffee'), [['a tablespoon of sugar'], ['coffee']])
})

t.test('mealSegments: the commas of a filling list join softly, a list of items keeps them', async (t) => {
  t.same(mealSegments('a sandwich filled with egg, cheese, and bacon'), [['a sandwich filled', 'egg', 'cheese', 'bacon']])
  t.same(mealSegments('an apple, a banana, and a pear'), [['an apple'], ['a banana'], ['a pear']])
})

t.test('mealSegments: "as part of my lunch" frames the meal and names no food', async (t) => {
  t.same(mealSegments('240 grams of broth as part of my lunch'), [['240 grams of broth']])
})

t.test('mealSegments: "a lunch of", "a breakfast consisting of" introduce the foods and name none', async (t) => {
  t.same(mealSegments('a lunch of 100 g of rice, 50 g of beans'), [['100 g of rice'], ['50 g of beans']])
  t.same(mealSegments('I had a breakfast consisting of 2 eggs'), [['2 eggs']])
  t.same(mealSegments('a dinner plate with 73 grams of apples'), [['73 grams of apples']])
  // A meal word inside a food's name stays: "breakfast sandwich with egg" is a sandwich.
  t.same(mealSegments('a breakfast sandwich with egg'), [['a breakfast sandwich', 'egg']])
})

t.test('mealSegments: a food put on, in or into a weighed food is an item apart from it', async (t) => {
  t.same(mealSegments('12 g of jam spread on 40 g of toast'), [['12 g of jam'], ['40 g of toast']])
  t.same(mealSegments('15 g of sugar stirred into 250 g of green tea'), [['15 g of sugar'], ['250 g of green tea']])
  t.same(mealSegments('a bowl of stew over 200 g of rice'), [['a bowl of stew'], ['200 g of rice']])
  // With no food before it the verb only adds the weighed food, and is no item.
  t.same(mealSegments('a salad and tossed in 5 g of salt'), [['a salad', '5 g of salt']])
  t.same(mealSegments('we decided to snack on 50 g of nuts'), [['50 g of nuts']])
})

t.test('mealSegments: "going with", "opted for" say a choice before the food chosen, and name no food', async (t) => {
  t.same(mealSegments('tonight he is going with a mug of cocoa'), [['a mug of cocoa']])
  t.same(mealSegments('we opted for 2 tacos and a soda'), [['2 tacos', 'a soda']])
  t.same(mealSegments('she went with 300 g of soup'), [['300 g of soup']])
})

t.test('mealSegments: weights said "respectively" go, in order, to the last foods of the clause', async (t) => {
  t.same(mealSegments('a latte and a blueberry scone, 350 g and 110 g respectively'), [['a latte 350 g'], ['a blueberry scone 110 g']])
  t.same(mealSegments('apple juice and crackers, weighing 200 g and 30 g, respectively'), [['200 g of apple juice'], ['30 g of crackers']])
  t.same(mealSegments('150 g of rice, a pear and a plum, 170 g and 60 g respectively'), [['150 g of rice'], ['a pear 170 g'], ['a plum 60 g']])
})

t.test('mealSegments: single words listed after a weighed article, then a dish, name that one dish', async (t) => {
  t.same(mealSegments('a 150 g ham, egg, and cheese croissant'), [['a 150 g ham egg cheese croissant']])
  t.same(mealSegments('a 200 g apple, a pear, and orange juice'), [['a 200 g apple'], ['a pear'], ['orange juice']], 'an article starts another food')
  t.same(mealSegments('a pear, an apple, and orange juice'), [['a pear'], ['an apple'], ['orange juice']], 'no weight: a list of foods')
})

t.test('mealSegments: a pronoun after a verb ("served it with") stands for the food said; the verb joins as without it', async (t) => {
  t.same(mealSegments('300 g of soup, served it with 50 g of bread'), [['300 g of soup'], ['50 g of bread']])
  t.same(mealSegments('a salad that we paired them with a 200 ml juice'), mealSegments('a salad that we paired with a 200 ml juice'))
})

t.test('mealSegments: the place a food came from is narrative up to a weight, which stays with the food', async (t) => {
  t.same(mealSegments('a turkey wrap from the canteen that weighs 180 grams'), [['a turkey wrap 180 grams']])
  t.same(mealSegments('a muffin from the market down the road 80 g and a tea'), [['a muffin 80 g'], ['a tea']])
})

t.test('mealSegments: a filling list may end on a bracketed weight, which is the dish\'s', async (t) => {
  t.same(mealSegments('a wrap with rice, beans, and salsa (250 g)'), [['a wrap 250 g', 'rice', 'beans', 'salsa']])
})

t.test('mealSegments: "to snack on", "during my snack time" are the occasion and name no food', async (t) => {
  t.same(mealSegments('a small candy bar to snack on'), [['a small candy bar']])
  t.same(mealSegments('during my snack time, a cup of tea'), [['a cup of tea']])
})
