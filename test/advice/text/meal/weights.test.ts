import t from 'tap'
import { PLACED_ON_WEIGHED, placedApart, RESPECTIVELY, respectively } from '../../../../src/advice/text/meal/weights.js'

const placed = (text: string): string => text.replace(PLACED_ON_WEIGHED, placedApart)
const weighed = (text: string): string => text.replace(RESPECTIVELY, respectively)

t.test('PLACED_ON_WEIGHED: a food put on or into a weighed food is set apart from it by a comma', async (t) => {
  t.equal(placed('12 g of jam spread on 40 g of toast'), '12 g of jam, 40 g of toast')
  t.equal(placed('a cube of sugar in 200 ml of tea'), 'a cube of sugar, 200 ml of tea')
  t.equal(placed('a salad and tossed in 5 g of salt'), 'a salad and tossed in 5 g of salt', 'a verb with no food before it')
  t.equal(placed('decided to snack on 50 g of nuts'), 'decided to snack on 50 g of nuts', 'no article or amount in the clause')
  t.equal(placed('a bowl of soup with bread on the side'), 'a bowl of soup with bread on the side', 'no weighed food after')
})

t.test('RESPECTIVELY: each weight goes, in order, to one of the last foods of the clause', async (t) => {
  t.equal(weighed('a latte and a scone, 350 g and 110 g respectively'), 'a latte 350 g, a scone 110 g')
  t.equal(weighed('tea, juice, and toast, 200 g, 150 g, and 30 g respectively'), '200 g of tea, 150 g of juice, 30 g of toast')
  t.equal(weighed('toast, 30 g and 20 g respectively'), 'toast, 30 g and 20 g respectively', 'fewer foods than weights')
})
