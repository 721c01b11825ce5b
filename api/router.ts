/**
 * One factory for every resource router, so each one shares the same context type and renders
 * request-validation failures the same way: a 400 problem listing each field that is wrong.
 */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthenticatedSession, AuthenticatedUser } from './auth/middleware';
import { problemResponse, PROBLEM_TYPE_BASE } from './problem';

export interface AppEnv {
  Variables: {
    user: AuthenticatedUser;
    /** The session of the caller's access token (logout, live streams). */
    session: AuthenticatedSession;
    /** The caller's address, as the rate limiter keys it. */
    clientAddress: string;
  };
}

interface ValidationResult {
  success: boolean;
  error?: z.ZodError;
  target: string;
}

/** Turns a zod failure into `errors: [{ path, message }]`; `path` is dotted, from the part validated. */
export function validationProblem(result: ValidationResult, c: Context) {
  if (result.success || !result.error) return undefined;
  const errors = result.error.issues.map((issue) => ({
    path:
      [result.target === 'json' ? '' : result.target, ...issue.path.map(String)].filter(Boolean).join('.') ||
      '(body)',
    message: issue.message,
  }));
  return problemResponse(c, {
    type: `${PROBLEM_TYPE_BASE}validation-failed`,
    title: 'The request is not valid',
    status: 400,
    detail: errors.map((error) => `${error.path}: ${error.message}`).join('; '),
    errors,
  });
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationProblem });
}
