import type { ZodType } from 'zod';
import { ErrorBody } from '../../../contracts/errors.ts';

/** A JSON request body for createRoute. */
export const jsonBody = <T extends ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** A JSON response for createRoute. */
export const jsonResponse = <T extends ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** The error responses every authenticated route may give, in the one error shape. */
export const errorResponses = {
  400: jsonResponse(ErrorBody, 'bad input: nothing was changed'),
  401: jsonResponse(ErrorBody, 'not signed in'),
  403: jsonResponse(ErrorBody, 'the role does not allow it'),
  404: jsonResponse(ErrorBody, 'no such object inside your turf'),
} as const;
