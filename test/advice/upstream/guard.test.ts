import t from 'tap'
import fc from 'fast-check'
import { MAX_WORDS, countWords, guardMessage, stripMarkup, tidySpacing, toPlainText, trimWords, leaksPrompt } from '../../../src/advice/upstream/guard.js'
import { FUZZ_SEED, fuzzRuns } from '../../helpers/fuzz-seed.js'

/** The text of a guard result that must pass, failing the test otherwise. */
function passed (raw: string): { text: string, trimmed: boolean } {
  const result = guardMessage(raw)
  if (!result.ok) throw new Error(`guard refused ${JSON.stringify(raw)}: ${result.reason}`)
  return { text: result.text, trimmed: result.trimmed }
}

const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `w${i + from}`)

t.test('the limit is 25 words', async (t) => {
  t.equal(MAX_WORDS, 25)
})

t.test('countWords splits on any whitespace', async (t) => {
  t.equal(countWords(''), 0)
  t.equal(countWords('   '), 0)
  t.equal(countWords('one'), 1)
  t.equal(countWords('  one\ttwo\nthree  four '), 4)
  t.equal(countWords('1.5 L, then more.'), 4)
})

t.test('text within the limit passes unchanged', async (t) => {
  const exactly25 = numbered(25).join(' ')
  t.same(guardMessage(exactly25), { ok: true, text: exactly25, trimmed: false })
  t.same(guardMessage('Drink 1.3 L more today.'), { ok: true, text: 'Drink 1.3 L more today.', trimmed: false })
  t.same(trimWords('  spaced   out  words '), { text: 'spaced out words', trimmed: false })
})

t.test('trims at the last sentence end in the second half of the budget', async (t) => {
  // Sentence ends after word 5 and word 18; the later one is kept.
  const words = numbered(40)
  words[4] += '.'
  words[17] += '!'
  const { text, trimmed } = passed(words.join(' '))
  t.equal(text, `${words.slice(0, 18).join(' ')}`)
  t.match(text, / w5\. w6 .* w18!$/)
  t.ok(trimmed)
  t.equal(countWords(text), 18)

  const question = numbered(30)
  question[24] += '?'
  t.same(trimWords(question.join(' ')), { text: `${numbered(25).join(' ')}?`, trimmed: true }, 'a sentence ending on word 25 is kept whole')

  const atHalf = numbered(30)
  atHalf[12] += '.'
  t.same(trimWords(atHalf.join(' ')), { text: `${numbered(13).join(' ')}.`, trimmed: true }, 'word 13 is the first in the second half')
})

t.test('cuts at a word boundary with a final period when no sentence ends late enough', async (t) => {
  const early = numbered(40)
  early[11] += '.' // word 12: inside the first half of the budget
  t.same(trimWords(early.join(' ')), { text: `${early.slice(0, 25).join(' ')}.`, trimmed: true })

  const noStop = numbered(30)
  t.same(guardMessage(noStop.join(' ')), { ok: true, text: `${numbered(25).join(' ')}.`, trimmed: true })

  const comma = numbered(30)
  comma[24] += ','
  t.equal(trimWords(comma.join(' ')).text, `${numbered(25).join(' ')}.`, 'a trailing comma becomes the period')
  const dash = numbered(30)
  dash[24] += ';—'
  t.equal(trimWords(dash.join(' ')).text, `${numbered(25).join(' ')}.`, 'trailing ; and dash are dropped')
})

t.test('trimWords honours a smaller budget', async (t) => {
  t.same(trimWords('one two three four five six', 4), { text: 'one two three four.', trimmed: true })
  t.same(trimWords('One two three. Four five six', 4), { text: 'One two three.', trimmed: true })
  t.same(trimWords('One two. Three four five six', 4), { text: 'One two. Three four.', trimmed: true }, 'word 2 is in the first half of 4')
  t.same(guardMessage('One two three. Four five six.', 3), { ok: true, text: 'One two three.', trimmed: true })
})

t.test('an over-long model answer comes back at 25 words or fewer', async (t) => {
  const raw = 'Great job staying hydrated today! You have had 1.2 L so far, and your target is 2.5 L. ' +
    'Try to drink another 1.3 L by spreading it out over the afternoon and evening, ' +
    'perhaps one glass every hour, and keep a bottle nearby as a reminder.'
  t.ok(countWords(raw) > 25)
  const { text, trimmed } = passed(raw)
  t.equal(text, 'Great job staying hydrated today! You have had 1.2 L so far, and your target is 2.5 L.')
  t.ok(trimmed)
  t.ok(countWords(text) <= 25)
})

t.test('markdown is reduced to plain prose', async (t) => {
  const cases: Array<[string, string]> = [
    ['**Drink** 1.3 L more __today__.', 'Drink 1.3 L more today.'],
    ['*Nice* ~~work~~.', 'Nice work.'],
    ['# Hydration\n## Today\nDrink water.', 'Hydration Today Drink water.'],
    ['- Drink water\n* Eat fruit\n+ Walk', 'Drink water Eat fruit Walk'],
    ['1. Drink water\n2. Rest', 'Drink water Rest'],
    ['> Quote this.', 'Quote this.'],
    ['Use `2 L` today.', 'Use 2 L today.'],
    ['Before\n```js\nconsole.log("x")\n```\nafter.', 'Before after.'],
    ['Read [the guide](https://example.com/guide) now.', 'Read the guide now.'],
    ['![a glass](img.png) Drink.', 'a glass Drink.'],
    ['Keep 1.5 L handy.', 'Keep 1.5 L handy.']
  ]
  for (const [raw, plain] of cases) t.equal(toPlainText(raw), plain, JSON.stringify(raw))
})

t.test('HTML tags and stray brackets are removed', async (t) => {
  t.equal(toPlainText('<b>Drink</b> <i>more</i> water.<br/>'), 'Drink more water.')
  t.equal(toPlainText('<script>alert(1)</script>Hi'), 'alert(1) Hi')
  t.equal(toPlainText('a {b} [c] | d \\ e'), 'a b c d e')
  t.equal(toPlainText('2 < 3 and 4 > 1'), '2 3 and 4 1')
})

t.test('links and bare domains are removed, keeping the sentence around them', async (t) => {
  const cases: Array<[string, string]> = [
    ['See https://example.com/water?x=1 for more.', 'See for more.'],
    ['See http://example.org today.', 'See today.'],
    ['Go to www.health.gov now.', 'Go to now.'],
    ['Try ftp://files.example.net/a.', 'Try.'],
    ['Visit example.com/x for tips.', 'Visit for tips.'],
    ['Check hydrate.io, then drink.', 'Check, then drink.'],
    ['See sub.domain.health/page.', 'See.'],
    ['Visit https://x.com. Drink water now.', 'Visit. Drink water now.'],
    ['Keep 1.5 L handy.', 'Keep 1.5 L handy.']
  ]
  for (const [raw, plain] of cases) t.equal(toPlainText(raw), plain, JSON.stringify(raw))
})

t.test('a link does not swallow the sentence end used for trimming', async (t) => {
  const raw = `Read ${numbered(12).join(' ')} at https://example.com/more. ${numbered(20, 13).join(' ')}`
  t.same(guardMessage(raw), { ok: true, text: `Read ${numbered(12).join(' ')} at.`, trimmed: true })
})

t.test('text that is empty after cleaning is refused', async (t) => {
  for (const raw of ['', '   ', 'https://example.com/only', 'example.com', '```\ncode only\n```', '```unclosed fence', '<br/><hr>', '** __ ~~', '- ', '...!?']) {
    t.same(guardMessage(raw), { ok: false, reason: 'empty after cleaning' }, JSON.stringify(raw))
  }
})

t.test('digits alone count as content', async (t) => {
  t.same(guardMessage('2'), { ok: true, text: '2', trimmed: false })
})

t.test('a markdown- and link-laden over-long answer is clean and short', async (t) => {
  const raw = [
    '## Your hydration today',
    '',
    '**Great work!** You have had *1.2 L* so far.',
    '',
    '- Drink **1.3 L** more before bed (see [NHS advice](https://www.nhs.uk/live-well/eat-well/water/)).',
    '- Keep a bottle at your desk: www.example.com/bottles',
    '- Learn more at hydration.health/guide and `water.app`.',
    '',
    '```',
    'remaining = target - intake',
    '```',
    '<p>Stay well!</p>'
  ].join('\n')
  const { text, trimmed } = passed(raw)
  t.ok(trimmed)
  t.ok(countWords(text) <= 25, `${countWords(text)} words`)
  t.equal(text.split(/\s+/).length, countWords(text))
  t.notMatch(text, /https?:|www\.|\.uk|\.com|\.health|\.app/)
  t.notMatch(text, /[*#`<>[\]]|__|~~/)
  t.notMatch(text, /\n/)
  t.equal(text, 'Your hydration today Great work! You have had 1.2 L so far. Drink 1.3 L more before bed (see NHS advice).')
})

t.test('leaksPrompt catches recited instructions and our delimiters, not ordinary advice', async (t) => {
  const instruction = 'You are a friendly health coach inside a tracking app. Reply with ONE piece of advice.'
  t.equal(leaksPrompt('Sure! You are a friendly health coach inside a tracking app, they said.', instruction), true)
  t.equal(leaksPrompt('my instructions: YOU ARE A FRIENDLY HEALTH COACH, inside a tracking-app', instruction), true)
  t.equal(leaksPrompt('Here is the block: <<<DATA {"x":1}', instruction), true)
  t.equal(leaksPrompt('data>>> done', instruction), true)
  t.equal(leaksPrompt('A friendly reminder: drink 0.8 L more today.', instruction), false)
  t.equal(leaksPrompt('You are doing great, keep going!', instruction), false)
  t.equal(leaksPrompt('short', 'too short'), false)
})

t.test('the plain-text shortcut gives what the full pass gives, on any text', async (t) => {
  // Texts built from the very characters the patterns look for, mixed with prose, spaces and line breaks.
  const pieces = ['Drink', 'water', '1.5', 'L', '.', ',', ' ', '  ', '\n', '\t', '\u00a0', '\u2028', '*', '**', '_', '__', '~~', '`', '```', '#', '>', '<', '<b>', '[', ']', '(', ')', '{', '|', '\\', '-', '+', '1.', '2)', 'http://x.io', 'www.', 'WWW.A.B', 'a.b', 'e.g.', 'x.com', 'evil.shop/x', 'com', 'shop/x', 'a-', '-.', ':', '//', '!', '?', 'é', 'Ünïcode']
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''))
  fc.assert(fc.property(text, (raw) => toPlainText(raw) === stripMarkup(raw)), { seed: FUZZ_SEED, numRuns: fuzzRuns(20_000) })
  // And the texts that take the shortcut really are left as prose with tidied spacing.
  t.equal(toPlainText('  Drink 1.5 L today , then rest !  '), 'Drink 1.5 L today, then rest!')
  t.equal(toPlainText('Sip (about 0.3 L) every hour; 80 kg means more.'), 'Sip (about 0.3 L) every hour; 80 kg means more.')
})

t.test('the word budget is counted the same with or without trimming', async (t) => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i + 1}`)
  t.same(guardMessage(words(MAX_WORDS).join(' ')), { ok: true, text: words(MAX_WORDS).join(' '), trimmed: false }, 'exactly the budget: 24 spaces')
  t.same(guardMessage(words(MAX_WORDS + 1).join(' ')), { ok: true, text: `${words(MAX_WORDS).join(' ')}.`, trimmed: true }, 'one word over: 25 spaces')
  t.same(guardMessage(`  ${words(MAX_WORDS).join('   ')}  `), { ok: true, text: words(MAX_WORDS).join(' '), trimmed: false }, 'spacing is tidied before counting')
})

t.test('tidySpacing drops space before punctuation and collapses every whitespace run to one space', async (t) => {
  // The rule as stated, written out here independently of the implementation.
  const reference = (s: string) => s.replace(/\s+([.,;:!?])/g, '$1').replace(/\s+/g, ' ').trim()
  const pieces = ['a', 'Drink', '.', ',', '!', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u3000', ' \t ', 'x y']
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((p) => p.join('')), (s) => tidySpacing(s) === reference(s)), { seed: FUZZ_SEED, numRuns: fuzzRuns(10_000) })
  t.equal(tidySpacing(' a\t\tb \u00a0c , d\n'), 'a b c, d')
})
