import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Entry, Notes, Nullable, Sources, StringEnum, Text, TextList, adviceEnvelope } from './common.js'
import { Nutrients } from './nutrients.js'
import { DayTotals } from './tracking.js'

/** Meals of the day. */
export const MEALS = ['breakfast', 'lunch', 'dinner', 'snack'] as const
/** Portion sizes. */
export const PORTION_SIZES = ['small', 'medium', 'large'] as const

/** A meal log. */
export const FoodEntry = Entry('FoodEntry', {
  food: Text(500, 'What you ate, in free text (≤ 500 characters), e.g. "2 eggs and a slice of toast"'),
  meal: Type.Optional(StringEnum(MEALS, { description: 'Which meal: breakfast, lunch, dinner or snack' })),
  estimated_calories: Type.Optional(Type.Number({ minimum: 0, maximum: 20000, description: 'Your own estimate of the meal\'s energy, in kcal (0–20000); reported beside ours' })),
  meal_time: Type.Optional(DateTime('When you ate: ISO 8601 date-time, with or without a UTC offset')),
  portion_size: Type.Optional(StringEnum(PORTION_SIZES, { description: 'Overall portion size: small, medium or large' })),
  ingredients: Type.Optional(TextList('Ingredients, e.g. ["oats", "milk"] (≤ 20 items of ≤ 100 characters)')),
  cooking_method: Type.Optional(Text(100, 'How it was cooked, e.g. "grilled" (≤ 100 characters)')),
  dietary_restrictions: Type.Optional(TextList('Dietary restrictions, e.g. ["vegetarian"] (≤ 20 items of ≤ 100 characters)')),
  satisfaction_level: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 10, description: 'How satisfied you felt, 1–10' }))
}, {
  description: 'A meal. Extra context fields (at most 20) are passed to the model but never change the numbers.',
  example: { meal: 'breakfast', food: 'oatmeal with berries' }
})
/** A meal log. */
export type FoodEntry = Static<typeof FoodEntry>

/** One recognized part of a meal. */
export const FoodItem = Type.Object({
  text: Type.String({ maxLength: 500, description: 'The part of the text this item came from' }),
  food: Type.String({ maxLength: 500, description: 'The matched row\'s own USDA description, e.g. "Pizza with pepperoni, from restaurant or fast food, NS as to type of crust"' }),
  quantity: Type.Number({ description: 'How many units' }),
  unit: Type.String({ maxLength: 200, description: 'The USDA portion the quantity counts (e.g. "1 can (12 fl oz)", "1 piece, medium pizza", "Quantity not specified"), or a measure ("g", "ml", "oz")' }),
  grams: Type.Number({ description: 'Weight in grams' }),
  kcal: Type.Number({ description: 'Energy in kcal' }),
  protein_g: Nullable(Type.Number({ description: 'Protein in grams; null where the source has none' })),
  carbs_g: Nullable(Type.Number({ description: 'Carbohydrate in grams; null where the source has none' })),
  fat_g: Nullable(Type.Number({ description: 'Fat in grams; null where the source has none' })),
  nutrients: Type.Ref(Nutrients, { description: 'Fiber, sugars, sodium and the other nutrients in this amount, from the same source row; null where the row has no value' }),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: 'How sure the match is, 0–1 (1 = exact name)' }),
  source: Type.String({ maxLength: 100, description: 'The source row: "FNDDS <8-digit food code>" (USDA FNDDS 2021-2023) or "SR Legacy NDB <number>"' })
}, { $id: 'FoodItem', additionalProperties: false, description: 'A recognized food with its amount and energy' })
/** One recognized part of a meal. */
export type FoodItem = Static<typeof FoodItem>

/** Numbers the service computed for a meal. */
export const FoodFacts = Type.Object({
  kcal: Nullable(Type.Number({ description: 'Total energy of the matched items, in kcal; null when nothing matched. A partial total when complete is false' })),
  complete: Type.Boolean({ description: 'true when every part of the text matched a food, so kcal is the whole meal; false when unmatched lists parts left out' }),
  protein_g: Nullable(Type.Number({ description: 'Protein of the matched items, in grams; null where unknown' })),
  carbs_g: Nullable(Type.Number({ description: 'Carbohydrate of the matched items, in grams; null where unknown' })),
  fat_g: Nullable(Type.Number({ description: 'Fat of the matched items, in grams; null where unknown' })),
  nutrients: Type.Ref(Nutrients, { description: 'Nutrient totals of the matched items; a nutrient is null when any item lacks it (notes say which), and all are null when nothing matched' }),
  items: Type.Array(Type.Ref(FoodItem), { maxItems: 50, description: 'Recognized foods' }),
  unmatched: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50, description: 'Parts of the text that matched no food; not guessed' }),
  reported_kcal: Nullable(Type.Number({ description: 'The client\'s own estimated_calories, if sent' })),
  notes: Notes,
  sources: Sources,
  today: Type.Optional(Type.Ref(DayTotals))
}, { $id: 'FoodFacts', additionalProperties: false, description: 'Meal numbers computed by the service' })
/** Numbers the service computed for a meal. */
export type FoodFacts = Static<typeof FoodFacts>

/** Advice for a meal. */
export const FoodAdvice = adviceEnvelope('FoodAdvice', Type.Ref(FoodFacts), 'Advice on a meal')
/** Advice for a meal. */
export type FoodAdvice = Static<typeof FoodAdvice>
