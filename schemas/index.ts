import { FieldError, Problem } from './common.js'
import { FoodAdvice, FoodEntry, FoodFacts, FoodItem } from './food.js'
import { GymAdvice, GymEntry, GymFacts } from './gym.js'
import { NutrientGoals, Nutrients } from './nutrients.js'
import { ActivitySearch, ActivitySearchItem, FoodSearch, FoodSearchItem } from './search.js'
import { Health, ProviderStates, Readiness } from './health.js'
import { DayTotals, DaySummary, EntryPage, Erased, Export, Profile, ProfileInput, TrackedEntry } from './tracking.js'
import { PerServing, UserFood, UserFoodInput, UserFoodPage } from './user-foods.js'
import { WaterAdvice, WaterEntry, WaterFacts } from './water.js'

/** Every named schema, in the order they are added to Fastify (referenced ones first). */
export const allSchemas = [
  FieldError, Problem, DayTotals, Nutrients, NutrientGoals,
  WaterEntry, WaterFacts, WaterAdvice,
  GymEntry, GymFacts, GymAdvice,
  FoodEntry, FoodItem, FoodFacts, FoodAdvice,
  FoodSearchItem, FoodSearch, ActivitySearchItem, ActivitySearch,
  ProviderStates, Health, Readiness,
  TrackedEntry, EntryPage, DaySummary, Profile, ProfileInput,
  PerServing, UserFoodInput, UserFood, UserFoodPage, Export, Erased
]
