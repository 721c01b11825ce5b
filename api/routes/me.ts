/** The signed-in user: `GET /v1/me`. */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../router';
import { authProblems, User } from '../schemas';

const me = createRoute({
  method: 'get',
  path: '/',
  tags: ['account'],
  summary: 'The signed-in user',
  security: [{ bearerAuth: [] }],
  responses: { 200: { description: 'The user', content: { 'application/json': { schema: User } } }, ...authProblems },
});

export function meRoutes() {
  const app = createRouter();
  app.openapi(me, (c) => c.json(c.get('user'), 200));
  return app;
}
