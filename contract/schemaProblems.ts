import type { ZodError } from 'zod';

/** Problems named in one refusal: enough to fix a form, not a wall of text for a body that is all wrong. */
const MAX_ISSUES = 5;

/** Every problem of a value a schema refused (the first few), each naming its field under `name`: a body wrong in two places is fixed in one go. */
export function schemaProblems(error: ZodError, name: string): string {
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : name;
      const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
      return `${field}: ${issue.message}${unknownKeys}`;
    })
    .join('; ');
}
