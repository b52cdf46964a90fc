import type { z } from '@hono/zod-openapi';
import type { FieldError, FieldErrorCode } from './problem.js';

type Issue = z.core.$ZodIssue;

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown => {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
};

/**
 * zod's issue → our stable code (docs/api.md, "Errors"); `data` is the input, to tell a missing field from a wrong one.
 */
export function fieldErrorCode(issue: Issue, data: unknown): FieldErrorCode {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(data, issue.path) === undefined ? 'required' : 'invalid-type';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : 'too-short';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too-few';
      return 'too-small';
    case 'too_big':
      if (issue.origin === 'string') return 'too-long';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too-many';
      return 'too-big';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid-email' : 'invalid-format';
    case 'unrecognized_keys':
      return 'unknown-field';
    default: // invalid_value (enum, literal), invalid_union, not_multiple_of, invalid_key, invalid_element, custom
      return 'invalid-value';
  }
}

/** One `errors[]` entry per zod issue (an unknown key names its own path). */
export function fieldErrors(issues: readonly Issue[], data: unknown): FieldError[] {
  return issues.flatMap((i) => {
    const code = fieldErrorCode(i, data);
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ path: [...i.path, k].join('.'), code, message: i.message }));
    return [{ path: i.path.join('.'), code, message: i.message }];
  });
}
