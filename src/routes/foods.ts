import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { okResponse } from '../../schemas/common.js'
import { UserFood, UserFoodInput, UserFoodPage, UserFoodParams, UserFoodsQuery } from '../../schemas/user-foods.js'
import { trackedRoute, userOf } from './tracked.js'

const MATCHING = 'Meal texts you log (`POST /food`, `log_meal`) name it by its name or an alias, as a whole phrase ("my" and a possessive optional), sized by its serving: "my protein shake", "2 servings of grandma\'s chili", "half a grandma\'s chili".'

/** `POST|GET /foods` and `GET|PUT|DELETE /foods/{id}`: the caller's own foods and recipes. */
export default async function userFoodRoutes (app: FastifyInstance) {
  const { foods } = app.tracking
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  const createFood = trackedRoute('createFood', 409, 422)
  r.post('/foods', {
    schema: {
      ...createFood.schema,
      response: { 201: okResponse('createFood', 'The food as stored', { 'application/json': Type.Ref(UserFood) }, { status: 201 }), ...createFood.problems },
      summary: 'Save a food or a recipe',
      description: `A food from its label (serving and per_serving), or a recipe (recipe and servings) read once by the meal reader: its items are stored with it and one serving is the total over servings. A recipe that names no known food is a 422; one partly recognized is stored with \`unmatched\`. A name or alias you already use is a 409, and so is a 1,001st food. ${MATCHING}`,
      body: Type.Ref(UserFoodInput)
    }
  }, async (request, reply) => {
    const food = await foods.create(userOf(request), request.body)
    return await reply.code(201).header('location', `/foods/${food.id}`).send(food)
  })

  const listFoods = trackedRoute('listFoods')
  r.get('/foods', {
    schema: {
      ...listFoods.schema,
      response: { 200: okResponse('listFoods', 'A page of your foods', { 'application/json': Type.Ref(UserFoodPage) }), ...listFoods.problems },
      summary: 'List your foods and recipes',
      description: 'Newest first, a page at a time: pass next_cursor back as cursor.',
      querystring: UserFoodsQuery
    }
  }, async (request) => await foods.list(userOf(request), { limit: request.query.limit === undefined ? undefined : Number(request.query.limit), cursor: request.query.cursor }))

  const getFood = trackedRoute('getFood', 404)
  r.get('/foods/:id', {
    schema: {
      ...getFood.schema,
      response: { 200: okResponse('getFood', 'The food', { 'application/json': Type.Ref(UserFood) }), ...getFood.problems },
      summary: 'One of your foods',
      description: 'Another user\'s food, like a missing one, is a 404.',
      params: UserFoodParams
    }
  }, async (request) => await foods.get(userOf(request), request.params.id))

  const replaceFood = trackedRoute('replaceFood', 404, 409, 422)
  r.put('/foods/:id', {
    schema: {
      ...replaceFood.schema,
      response: { 200: okResponse('replaceFood', 'The food as stored', { 'application/json': Type.Ref(UserFood) }), ...replaceFood.problems },
      summary: 'Replace one of your foods',
      description: 'Replaces the whole food (a recipe is read again). Meals already logged keep the values they were logged with. Another user\'s food is a 404.',
      params: UserFoodParams,
      body: Type.Ref(UserFoodInput)
    }
  }, async (request) => await foods.replace(userOf(request), request.params.id, request.body))

  const deleteFood = trackedRoute('deleteFood', 404)
  r.delete('/foods/:id', {
    schema: {
      ...deleteFood.schema,
      response: { 204: Type.Null({ description: 'Deleted', headers: okResponse('deleteFood', 'Deleted', {}, { status: 204 }).headers }), ...deleteFood.problems },
      summary: 'Delete one of your foods',
      description: 'Meals already logged keep the values they were logged with; later meal texts no longer match it. Another user\'s food is a 404.',
      params: UserFoodParams
    }
  }, async (request, reply) => {
    await foods.delete(userOf(request), request.params.id)
    return await reply.code(204).send(null)
  })
}
