import type * as z from 'zod/mini';
import { ChatbotError } from './errors';

/** A validation problem as zod reports it (and `guards.ts` reproduces it): what `formatIssues` reads. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: readonly unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  keys?: string[];
}

// zod/mini ships without a locale (keeping ~25 KB out of the bundle), so its messages are all
// "Invalid input"; a short description per issue code is enough to tell a developer what failed.
function describe(issue: Issue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type': return `expected ${issue.expected ?? 'another type'}`;
    case 'invalid_value': return `expected one of ${JSON.stringify(issue.values ?? [])}`;
    case 'too_small': return `must be at least ${String(issue.minimum)}`;
    case 'too_big': return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format': return `invalid ${issue.format ?? 'format'}`;
    case 'unrecognized_keys': return `unknown keys ${JSON.stringify(issue.keys ?? [])}`;
    case 'invalid_union': return 'matches none of the allowed shapes';
    default: return issue.message || issue.code;
  }
}

/** Formats zod issues as `path: problem; …`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${describe(issue)}` : describe(issue);
    })
    .join('; ');
}

/**
 * A getter or proxy trap of the caller's value threw while it was read (or the proxy was revoked):
 * the caller's input is bad, whatever the exception was.
 */
export function unreadable(what: string, error: unknown): ChatbotError {
  return new ChatbotError('VALIDATION', `${what}: cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
}

/**
 * Validates `value` against `schema`, or throws a `VALIDATION` ChatbotError naming what failed.
 * @example const opts = validate(SendOptionsSchema, options, 'sendMessage options');
 */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(value);
  } catch (error) {
    throw unreadable(what, error);
  }
  if (result.success) return result.data;
  const issues: readonly Issue[] = result.error.issues;
  throw new ChatbotError('VALIDATION', `${what}: ${formatIssues(issues)}`, { details: issues });
}
