// `npm run explain -- "a cup of brewed coffee weighing 480 g and a bagel"`: why the meal reader read a
// text as it did. Prints each stage: the normalised text, the item phrases and their soft-joined
// pieces, the amount read from each piece, the content words looked up, the index's top rows with
// their scores, and the items the parser settled on.
import { parseArgs } from 'node:util'
import { citation } from '../src/advice/data/foods.js'
import { readAmount } from '../src/advice/text/meal/amount.js'
import { createFoodLookup } from '../src/advice/text/meal/lookup.js'
import { createMealParser } from '../src/advice/text/meal/parse.js'
import { portionFit } from '../src/advice/text/meal/portion.js'
import { mealSegments, normalizeMeal } from '../src/advice/text/meal/text.js'

/** The reader's trace of one meal text, as lines, with the `top` ranked rows of each piece. */
export function explain (text: string, top = 5, lookup = createFoodLookup()): string[] {
  const lines: string[] = []
  const log = (line: string): void => { lines.push(line) }
  log(`text:       ${text}`)
  log(`normalised: ${normalizeMeal(text).trim()}`)
  for (const [n, pieces] of mealSegments(text).entries()) {
    log('')
    log(`phrase ${n + 1}: ${pieces.map((p) => `[${p}]`).join(' + ')}`)
    for (const piece of pieces) {
      const amount = readAmount(piece)
      const words = lookup.words(amount.food)
      const said = [
        amount.quantity === null ? null : `quantity ${amount.quantity}`,
        amount.unit === null ? null : `unit ${amount.unit.name} (${amount.unit.kind})`,
        amount.measure === null ? null : `measure ${amount.measure.value} ${amount.measure.unit.name}`,
        amount.size === null ? null : `size ${amount.size}`
      ].filter((s) => s !== null).join(', ')
      log(`  [${piece}]  amount: ${said === '' ? 'none' : said}  words: ${words.join(' ') || '(none)'}`)
      for (const c of lookup.candidates(words, top)) {
        const fit = portionFit(c.food, amount)
        log(`    ${c.score.toFixed(3)}  coverage ${c.coverage.toFixed(2)}${c.headHit ? '  head' : ''}${fit > 0 ? '  unit fits' : ''}  ${citation(c.food)} ${c.food.description}`)
      }
    }
  }
  const { items, unmatched, near } = createMealParser(lookup)(text)
  log('')
  log('items:')
  for (const i of items) log(`  ${i.text} → ${i.food} [${i.source}] ${i.quantity} × ${i.unit} = ${i.grams} g, ${i.kcal} kcal (confidence ${i.confidence})`)
  if (near.length > 0) log(`near (head noun only): ${near.join(' / ')}`)
  if (unmatched.length > 0) log(`unmatched: ${unmatched.join(' / ')}`)
  log(`total: ${Math.round(items.reduce((s, i) => s + i.kcal, 0))} kcal`)
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '5' } } })
  const text = positionals.join(' ')
  if (text.trim() === '') {
    console.error('usage: npm run explain -- "<meal text>" [--top 5]')
    process.exitCode = 2
  } else console.log(explain(text, Number(values.top)).join('\n'))
}
