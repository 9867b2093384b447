import createClient, { type Client } from 'openapi-fetch'
import type { components, operations, paths } from './schema.js'

export type { components, operations, paths }

type Schemas = components['schemas']

/** Body of POST /water. */
export type WaterEntry = Schemas['WaterEntry']
/** 200 answer of POST /water. */
export type WaterAdvice = Schemas['WaterAdvice']
/** Hydration numbers inside a WaterAdvice. */
export type WaterFacts = Schemas['WaterFacts']
/** Body of POST /gym. */
export type GymEntry = Schemas['GymEntry']
/** 200 answer of POST /gym. */
export type GymAdvice = Schemas['GymAdvice']
/** Workout numbers inside a GymAdvice. */
export type GymFacts = Schemas['GymFacts']
/** Body of POST /food. */
export type FoodEntry = Schemas['FoodEntry']
/** 200 answer of POST /food. */
export type FoodAdvice = Schemas['FoodAdvice']
/** Meal numbers inside a FoodAdvice. */
export type FoodFacts = Schemas['FoodFacts']
/** One recognized food inside FoodFacts. */
export type FoodItem = Schemas['FoodItem']
/** 200 answer of GET /foods/search. */
export type FoodSearch = Schemas['FoodSearch']
/** One USDA food row inside a FoodSearch. */
export type FoodSearchItem = Schemas['FoodSearchItem']
/** 200 answer of GET /activities/search. */
export type ActivitySearch = Schemas['ActivitySearch']
/** One Compendium row inside an ActivitySearch. */
export type ActivitySearchItem = Schemas['ActivitySearchItem']
/** RFC 9457 problem document, the body of every 4xx and 5xx. */
export type Problem = Schemas['Problem']
/** One invalid field of a 400 Problem. */
export type FieldError = Schemas['FieldError']
/** 200 answer of GET /health. */
export type Health = Schemas['Health']
/** 200 answer of GET /ready. */
export type Readiness = Schemas['Readiness']

/** Options of createHealthTrackerClient. */
export interface HealthTrackerClientOptions {
  /** Where the API is served, e.g. "https://health.example.com". */
  baseUrl: string
  /** One of the server's API_KEYS; sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string
  /** A fetch implementation (tests, proxies); defaults to the global fetch. */
  fetch?: (input: Request) => Promise<Response>
}

/** A typed Health Tracker API client. */
export type HealthTrackerClient = Client<paths>

/** Creates a typed client: `client.POST('/water', { body })` answers `{ data, error, response }`. */
export function createHealthTrackerClient (options: HealthTrackerClientOptions): HealthTrackerClient {
  const headers: Record<string, string> = {}
  if (options.apiKey !== undefined && options.apiKey !== '') headers.authorization = `Bearer ${options.apiKey}`
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch })
  })
}
