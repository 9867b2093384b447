import { Type, type Static } from '@sinclair/typebox'
import { TEXT_PATTERN } from './common.js'

/** A search's page size as the query string carries it: a whole number from 1 to 50. */
export const SEARCH_LIMIT_PATTERN = '^(?:[1-9]|[1-4]\\d|50)$'
/** Results a search returns when the query names no limit. */
export const SEARCH_DEFAULT_LIMIT = 10

/** Query of `GET /foods/search` and `GET /activities/search`. Query values are strings: Ajv does not coerce here, so the limit is a pattern. */
export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, pattern: TEXT_PATTERN, description: 'What to look for, in words ("banana", "cheese pizza", "running")' }),
  limit: Type.Optional(Type.String({ maxLength: 2, pattern: SEARCH_LIMIT_PATTERN, description: `How many rows at most, 1–50 (default ${SEARCH_DEFAULT_LIMIT})` }))
}, { additionalProperties: false })
/** Query of the search routes. */
export type SearchQuery = Static<typeof SearchQuery>

const Grams = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], { description })

/** A household portion of a food, as the source words it. */
const FoodPortion = Type.Object({
  description: Type.String({ maxLength: 200, description: 'The portion as USDA words it ("1 banana", "1 cup, mashed")' }),
  grams: Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'Its weight, g' })
}, { additionalProperties: false })

/** One food row found by a search. */
export const FoodSearchItem = Type.Object({
  id: Type.String({ maxLength: 36, description: 'FNDDS food code (8 digits), SR Legacy NDB number (5 digits), or your food\'s id' }),
  source: Type.String({ maxLength: 60, description: 'Where the row comes from: "FNDDS <code>", "SR Legacy NDB <number>" or "user food <id>", as /food items cite it' }),
  description: Type.String({ maxLength: 300, description: 'The source\'s own description of the food, or your food\'s name' }),
  kcal_per_100g: Type.Number({ minimum: 0, maximum: 1500, description: 'Energy, kcal per 100 g (a label of a tiny serving, rounded up, can say more than fat\'s 900)' }),
  protein_g: Grams('Protein, g per 100 g (null where the source gives none)'),
  carbs_g: Grams('Carbohydrate, g per 100 g (null where the source gives none)'),
  fat_g: Grams('Total fat, g per 100 g (null where the source gives none)'),
  portions: Type.Array(FoodPortion, { maxItems: 100, description: 'The source\'s household portions, in its order' })
}, { $id: 'FoodSearchItem', additionalProperties: false, description: 'A USDA food row, per 100 g, with its household portions' })
/** One food row found by a search. */
export type FoodSearchItem = Static<typeof FoodSearchItem>

/** The answer of `GET /foods/search`. */
export const FoodSearch = Type.Object({
  items: Type.Array(Type.Ref(FoodSearchItem), { maxItems: 50, description: 'For an identified user, their own foods whose names start with the words first; then the row a meal text with these words would be matched to, then the food index\'s ranked rows' })
}, { $id: 'FoodSearch', additionalProperties: false, description: 'Food rows for a search' })
/** The answer of `GET /foods/search`. */
export type FoodSearch = Static<typeof FoodSearch>

/** One Compendium row found by a search. */
export const ActivitySearchItem = Type.Object({
  code: Type.String({ pattern: '^[0-9]{5}$', maxLength: 5, description: '2024 Adult Compendium activity code' }),
  heading: Type.String({ maxLength: 100, description: 'The Compendium\'s major heading ("Running")' }),
  description: Type.String({ maxLength: 300, description: 'The Compendium\'s description of the activity' }),
  met: Type.Number({ minimum: 0, maximum: 30, description: 'Metabolic equivalent (MET)' })
}, { $id: 'ActivitySearchItem', additionalProperties: false, description: 'A 2024 Adult Compendium row' })
/** One Compendium row found by a search. */
export type ActivitySearchItem = Static<typeof ActivitySearchItem>

/** The answer of `GET /activities/search`. */
export const ActivitySearch = Type.Object({
  items: Type.Array(Type.Ref(ActivitySearchItem), { maxItems: 50, description: 'Best first: the row a workout text with these words would be matched to, then the activity index\'s ranked rows' })
}, { $id: 'ActivitySearch', additionalProperties: false, description: 'Compendium rows for a search' })
/** The answer of `GET /activities/search`. */
export type ActivitySearch = Static<typeof ActivitySearch>
