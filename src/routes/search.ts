import type { FastifyInstance, FastifySchema } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { okResponse, problemResponses } from '../../schemas/common.js'
import { ActivitySearch, FoodSearch, SEARCH_DEFAULT_LIMIT, SearchQuery } from '../../schemas/search.js'
import { searchActivities, searchFoods, searchUserFoods, warmSearch } from '../advice/search.js'

/** A bearer key, or none (keys are required only when API_KEYS is set); a fresh array per route, or the spec's YAML shares it by anchor. */
const security = (): FastifySchema['security'] => [{ bearerAuth: [] }, {}]
const limitOf = (q: SearchQuery): number => q.limit === undefined ? SEARCH_DEFAULT_LIMIT : Number(q.limit)

/** `GET /foods/search` and `GET /activities/search`: the text readers' own indexes, for pickers and autocomplete. */
export default async function searchRoutes (app: FastifyInstance) {
  // Built while the app is built, like the text readers' indexes: built inside a first request, the
  // food index would block the event loop long enough for the overload guard to shed traffic.
  warmSearch()
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tracking = app.hasDecorator('tracking') ? app.tracking : undefined

  r.get('/foods/search', {
    schema: {
      operationId: 'searchFoods',
      tags: ['search'],
      security: security(),
      summary: 'Search USDA foods',
      description: 'FNDDS and SR Legacy rows for some words, per 100 g with their household portions. The first row is the one a meal text with the same words is matched to. For an identified user (tracking), their own foods whose names start with the words come first, with their serving as the portion.',
      querystring: SearchQuery,
      response: { 200: okResponse('searchFoods', 'Food rows, best first', { 'application/json': Type.Ref(FoodSearch) }), ...problemResponses('searchFoods', [400, 401, 429]) }
    }
  }, async (request) => {
    const limit = limitOf(request.query)
    const own = tracking === undefined || request.userId === undefined ? [] : searchUserFoods(request.query.q, (await tracking.foods.matcher(request.userId))?.foods ?? [], limit)
    return { items: [...own, ...(own.length < limit ? searchFoods(request.query.q, limit - own.length) : [])] }
  })

  r.get('/activities/search', {
    schema: {
      operationId: 'searchActivities',
      tags: ['search'],
      security: security(),
      summary: 'Search Compendium activities',
      description: '2024 Adult Compendium rows for some words, with their MET values. The first row is the one a workout text with the same words is matched to.',
      querystring: SearchQuery,
      response: { 200: okResponse('searchActivities', 'Compendium rows, best first', { 'application/json': Type.Ref(ActivitySearch) }), ...problemResponses('searchActivities', [400, 401, 429]) }
    }
  }, async (request) => ({ items: searchActivities(request.query.q, limitOf(request.query)) }))
}
