import t from 'tap'
import { build } from '../helpers/build.js'

// Expected rows are copied by hand from the vendored sources:
// src/advice/data/sources/fndds-2021-2023/fndds_2021_2023_foods.csv and _portions.csv, and
// src/advice/data/sources/compendium-2024/adult-compendium-2024.csv.
const BANANA = {
  id: '63107010',
  source: 'FNDDS 63107010',
  description: 'Banana, raw',
  kcal_per_100g: 97,
  protein_g: 0.74,
  carbs_g: 22.71,
  fat_g: 0.28,
  portions: [
    { description: '1 banana', grams: 126 },
    { description: '1 slice', grams: 6 },
    { description: '1 cup', grams: 150 },
    { description: '1 cup, mashed', grams: 225 },
    { description: '1 linear inch', grams: 15 },
    { description: 'Quantity not specified', grams: 126 }
  ]
}
const COLA = {
  id: '92410310',
  source: 'FNDDS 92410310',
  description: 'Soft drink, cola',
  kcal_per_100g: 42,
  protein_g: 0,
  carbs_g: 10.36,
  fat_g: 0.25,
  portions: [
    { description: '1 fl oz (no ice)', grams: 31 },
    { description: '1 fl oz (with ice)', grams: 23 },
    { description: '1 fl oz (NFS)', grams: 31 },
    { description: '1 can (12 fl oz)', grams: 372 },
    { description: '1 bottle (16.9 fl oz or 500 ml)', grams: 524 },
    { description: '1 bottle (20 fl oz)', grams: 620 },
    { description: '1 child/senior drink', grams: 279 },
    { description: '1 small drink', grams: 372 },
    { description: '1 medium drink', grams: 512 },
    { description: '1 large drink', grams: 744 },
    { description: '1 extra large drink', grams: 1023 },
    { description: 'Quantity not specified', grams: 372 }
  ]
}

t.test('GET /foods/search', async (t) => {
  const app = await build(t)
  const search = async (query: string) => await app.inject({ url: `/foods/search?${query}` })

  t.test('banana: the raw banana first, with its USDA values and portions', async (t) => {
    const res = await search('q=banana')
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], 'application/json')
    const { items } = res.json()
    t.equal(items.length, 10, 'ten rows by default')
    t.same(items[0], BANANA)
    t.ok(items.every((i: { description: string }) => /banana/i.test(i.description) || i.description === 'Frozen daiquiri'), 'rows about bananas (a daiquiri is made with them)')
  })

  t.test('cola and coke: "Soft drink, cola" first', async (t) => {
    t.same((await search('q=cola&limit=1')).json(), { items: [COLA] })
    // "coke" is our own name for the cola row (food-aliases.json), as in a meal text.
    t.same((await search('q=Coke&limit=1')).json(), { items: [COLA] })
  })

  t.test('a typo is corrected as in a meal text', async (t) => {
    t.same((await search('q=bananna&limit=1')).json().items[0].id, BANANA.id)
  })

  t.test('the limit bounds the rows', async (t) => {
    t.equal((await search('q=chicken&limit=1')).json().items.length, 1)
    t.equal((await search('q=chicken&limit=50')).json().items.length, 50, 'FNDDS has over 50 chicken rows')
    const codes = (await search('q=chicken&limit=50')).json().items.map((i: { id: string }) => i.id)
    t.equal(new Set(codes).size, 50, 'each row once')
  })

  t.test('words the index does not know find nothing', async (t) => {
    const res = await search('q=the')
    t.equal(res.statusCode, 200)
    t.same(res.json(), { items: [] })
  })

  t.test('a search and a meal text agree', async (t) => {
    for (const text of ['cheese pizza', 'banana', 'a can of coke', 'grilled chicken breast']) {
      const meal = await app.inject({ method: 'POST', url: '/food', payload: { food: text } })
      t.equal(meal.statusCode, 200)
      const picked = meal.json().facts.items.map((i: { source: string }) => i.source)
      t.equal(picked.length, 1, `${text} is one food`)
      const top = (await search(`q=${encodeURIComponent(text)}&limit=1`)).json().items[0]
      t.equal(top.source, picked[0], `${text}: the search's first row is the one /food matched`)
    }
  })
})

t.test('GET /activities/search', async (t) => {
  const app = await build(t)
  const search = async (query: string) => await app.inject({ url: `/activities/search?${query}` })

  t.test('running: the running row a workout text matches, with its code and MET', async (t) => {
    const res = await search('q=running')
    t.equal(res.statusCode, 200)
    const { items } = res.json()
    t.equal(items.length, 10)
    t.same(items[0], { code: '12050', heading: 'Running', description: 'Running, 6-6.3 mph (10 min/mile)', met: 9.3 })
    // Then the rows that add only a speed band to "running" (numbers size a row; they are no words left unsaid),
    // before rows that name another kind of run ("Running, marathon").
    t.same(items[1], { code: '12045', heading: 'Running', description: 'Running, 5.5 -5.8 mph', met: 9 })
    t.ok(items.every((i: { heading: string }) => i.heading === 'Running'), 'every row is a running row')
    const gym = (await app.inject({ method: 'POST', url: '/gym', payload: { activity: 'running', duration_minutes: 30 } })).json()
    t.equal(gym.facts.compendium_code, items[0].code, 'the search and /gym agree')
  })

  t.test('the limit bounds the rows; unknown words find nothing', async (t) => {
    t.equal((await search('q=yoga&limit=3')).json().items.length, 3)
    t.same((await search('q=the')).json(), { items: [] })
  })
})

t.test('bad search input is a 400 problem naming the field', async (t) => {
  const app = await build(t)
  const cases: Array<[string, string]> = [
    ['', 'q'],
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['q=banana&limit=0', 'limit'],
    ['q=banana&limit=51', 'limit'],
    ['q=banana&limit=ten', 'limit'],
    ['q=banana&limit=-1', 'limit'],
    ['q=banana&sort=kcal', 'sort']
  ]
  for (const path of ['/foods/search', '/activities/search']) {
    for (const [query, field] of cases) {
      const res = await app.inject({ url: `${path}?${query}` })
      t.equal(res.statusCode, 400, `${path}?${query}`)
      t.match(res.headers['content-type'], 'application/problem+json')
      t.ok(res.json().errors.some((e: { field: string }) => e.field === field), `${path}?${query} names ${field}: ${JSON.stringify(res.json().errors)}`)
    }
  }
  const res = await app.inject({ url: '/foods/search?q=banana&limit=51' })
  t.equal(res.json().errors[0].message, 'must be a whole number from 1 to 50')
})

t.test('search needs the API key when keys are set, and is rate-limited', async (t) => {
  const app = await build(t, { API_KEYS: 'k1', RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' })
  t.equal((await app.inject({ url: '/foods/search?q=banana' })).statusCode, 401)
  const key = { authorization: 'Bearer k1' }
  t.equal((await app.inject({ url: '/foods/search?q=banana', headers: key })).statusCode, 200)
  t.equal((await app.inject({ url: '/activities/search?q=yoga', headers: key })).statusCode, 200)
  const limited = await app.inject({ url: '/foods/search?q=banana', headers: key })
  t.equal(limited.statusCode, 429)
  t.ok(limited.headers['retry-after'] !== undefined, 'Retry-After says when to come back')
})
