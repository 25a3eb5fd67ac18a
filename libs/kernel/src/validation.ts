import type { z } from 'zod';
import { AppError } from './errors.js';

/** Parses input against a contract schema; a failure becomes one VALIDATION error listing every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  throw new AppError('VALIDATION', `invalid input: ${summary}`, undefined, fields);
}
