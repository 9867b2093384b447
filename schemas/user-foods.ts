import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Nullable, TEXT_PATTERN, Text } from './common.js'
import { FoodItem } from './food.js'
import { NUTRIENT_KEYS, NUTRIENT_NAMES, type NutrientKey } from './nutrients.js'
import { LIMIT_PATTERN } from './tracking.js'

/** Most foods and recipes one user may keep. */
export const MAX_USER_FOODS = 1000
/** Most aliases of one food. */
export const MAX_ALIASES = 10
/** Longest name or alias. */
export const MAX_NAME_LENGTH = 100
/** Longest recipe text. */
export const MAX_RECIPE_LENGTH = 2000

/**
 * Upper bounds of a serving's nutrients. Generous for any real label (a
 * serving is at most 5 kg): past them a value is a typo or a unit mistake
 * (milligrams typed as grams), which a 400 catches before it is summed into days.
 */
const NUTRIENT_MAX: Readonly<Record<NutrientKey, number>> = {
  fiber_g: 500,
  sugars_g: 5000,
  saturated_fat_g: 5000,
  sodium_mg: 100_000,
  cholesterol_mg: 10_000,
  potassium_mg: 100_000,
  calcium_mg: 50_000,
  iron_mg: 1000,
  vitamin_c_mg: 10_000,
  vitamin_d_mcg: 2500,
  caffeine_mg: 5000,
  alcohol_g: 1000
}

/** One schema per nutrient key, typed by key. */
function perNutrient<S extends TSchema> (make: (key: NutrientKey) => S): { [K in NutrientKey]: S } {
  return Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, make(key)])) as { [K in NutrientKey]: S }
}

// Short descriptions: the key names the nutrient and its unit, and every tools/list carries these.
const bounded = (maximum: number) => Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum }), Type.Null()], { description: `0–${maximum}` }))
const nutrient = (key: NutrientKey) => bounded(NUTRIENT_MAX[key])
const macro = bounded(5000)

/** A food's name or alias. */
const Name = (description: string) => Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH, pattern: TEXT_PATTERN, description })

/** One serving of a food: what it is called and what it weighs. */
export const Serving = Type.Object({
  description: Text(MAX_NAME_LENGTH, 'As the label words it, e.g. "1 scoop (30 g)" (≤ 100 characters)'),
  grams: Type.Number({ exclusiveMinimum: 0, maximum: 5000, description: 'Its weight, g (0–5000)' })
}, { additionalProperties: false, description: 'One serving' })

/** Energy, macros and nutrients of one serving, as given (a key not given is unknown). */
export const PerServingInput = Type.Object({
  kcal: Type.Number({ minimum: 0, maximum: 10000, description: '0–10000' }),
  protein_g: macro,
  carbs_g: macro,
  fat_g: macro,
  ...perNutrient(nutrient)
}, { additionalProperties: false, description: 'One serving\'s energy, macros and nutrients, each in the unit its name ends with; a key not given (or null) is unknown, never 0' })

/** Energy, macros and nutrients of one serving, as stored: every key present, null where unknown. */
export const PerServing = Type.Object({
  kcal: Type.Number({ minimum: 0, description: 'Energy per serving, in kcal' }),
  protein_g: Nullable(Type.Number({ minimum: 0, description: 'Protein per serving, in grams; null where unknown' })),
  carbs_g: Nullable(Type.Number({ minimum: 0, description: 'Carbohydrate per serving, in grams; null where unknown' })),
  fat_g: Nullable(Type.Number({ minimum: 0, description: 'Fat per serving, in grams; null where unknown' })),
  ...perNutrient((key) => Nullable(Type.Number({ minimum: 0, description: `${NUTRIENT_NAMES[key][0]} per serving, in ${NUTRIENT_NAMES[key][1]}; null where unknown` })))
}, { $id: 'PerServing', additionalProperties: false, description: 'One serving; null where unknown' })
/** One serving's values, as stored. */
export type PerServing = Static<typeof PerServing>

/** Body of `POST /foods` and `PUT /foods/{id}`. */
export const UserFoodInput = Type.Object({
  name: Name('What meal texts call it, e.g. "grandma\'s chili" (≤ 100 characters)'),
  aliases: Type.Optional(Type.Array(Name('Another name (≤ 100 characters)'), { maxItems: MAX_ALIASES, description: 'At most 10, each unique per user (ignoring case, "my" and \'s)' })),
  serving: Type.Optional(Serving),
  per_serving: Type.Optional(PerServingInput),
  recipe: Type.Optional(Text(MAX_RECIPE_LENGTH, 'Ingredients as a meal text, e.g. "500 g ground beef, 2 cans kidney beans" (≤ 2000 characters)')),
  servings: Type.Optional(Type.Number({ minimum: 1, maximum: 100, description: 'Servings it makes (1–100)' }))
}, {
  $id: 'UserFoodInput',
  additionalProperties: false,
  description: 'A food from its label (name, serving, per_serving) or a recipe (name, recipe, servings)',
  examples: [
    { name: 'protein shake', aliases: ['shake'], serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160, protein_g: 30, carbs_g: 6, fat_g: 2 } },
    { name: 'grandma\'s chili', recipe: '500 g ground beef, 2 cans kidney beans, 1 onion', servings: 4 }
  ]
})
/** Body of `POST /foods` and `PUT /foods/{id}`. */
export type UserFoodInput = Static<typeof UserFoodInput>

/** A stored food or recipe. */
export const UserFood = Type.Object({
  id: Type.String({ maxLength: 36, description: 'Opaque food id' }),
  name: Name('Its name'),
  aliases: Type.Array(Name('Another name'), { maxItems: MAX_ALIASES, description: 'Its other names' }),
  serving: Serving,
  per_serving: Type.Ref(PerServing),
  recipe: Type.Optional(Type.String({ maxLength: MAX_RECIPE_LENGTH, description: 'A recipe\'s text, as sent' })),
  servings: Type.Optional(Type.Number({ minimum: 1, maximum: 100, description: 'Servings the recipe makes' })),
  items: Type.Optional(Type.Array(Type.Ref(FoodItem), { maxItems: 50, description: 'A recipe\'s ingredients as the meal reader read them, for the whole recipe' })),
  unmatched: Type.Optional(Type.Array(Type.String({ maxLength: MAX_RECIPE_LENGTH }), { maxItems: 50, description: 'Parts of a recipe that named no known food: left out of its values' })),
  created_at: Type.String({ format: 'date-time', maxLength: 30, description: 'When it was first saved (UTC, ISO 8601)' }),
  updated_at: Type.String({ format: 'date-time', maxLength: 30, description: 'When it was last replaced (UTC, ISO 8601)' })
}, { $id: 'UserFood', additionalProperties: false, description: 'One of your foods, or a recipe with the items it was read as' })
/** A stored food or recipe. */
export type UserFood = Static<typeof UserFood>

/** One page of foods. */
export const UserFoodPage = Type.Object({
  items: Type.Array(Type.Ref(UserFood), { maxItems: 200, description: 'Newest first' }),
  next_cursor: Nullable(Type.String({ maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page' }))
}, { $id: 'UserFoodPage', additionalProperties: false, description: 'A page of your foods' })
/** One page of foods. */
export type UserFoodPage = Static<typeof UserFoodPage>

/** Query of `GET /foods`. */
export const UserFoodsQuery = Type.Object({
  limit: Type.Optional(Type.String({ maxLength: 3, pattern: LIMIT_PATTERN, description: 'Page size, 1–200 (default 50)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page' }))
}, { additionalProperties: false })
/** Query of `GET /foods`. */
export type UserFoodsQuery = Static<typeof UserFoodsQuery>

/** Path of the food routes. */
export const UserFoodParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 36, description: 'Food id' })
}, { additionalProperties: false })
