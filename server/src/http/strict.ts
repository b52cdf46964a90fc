import type { z } from '@hono/zod-openapi';

/** Where a request names fields its schema does not have: the object's path and the unknown keys. */
export type UnknownKeys = { path: string[]; keys: string[] };

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const accepts = (schema: z.ZodType, input: unknown) => {
  try {
    return schema.safeParse(input).success;
  } catch {
    return false;
  } // an async refinement cannot run here
};
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Issue 22: the fields of `input` that `schema` would silently drop. zod's plain `z.object` strips unknown keys;
 * walking the schema beside the input finds them at any depth (objects that declare their own `catchall` —
 * `.strict()` or `.passthrough()` — already decide for themselves). A union is walked through the option zod
 * would pick: the first one the input satisfies.
 */
export function unknownKeys(
  schema: z.ZodType,
  input: unknown,
  path: string[] = [],
  found: UnknownKeys[] = [],
): UnknownKeys[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(input)) break;
      const shape = def.shape ?? {};
      if (def.catchall === undefined) {
        const keys = Object.keys(input).filter((k) => !Object.hasOwn(shape, k));
        if (keys.length) found.push({ path, keys });
      }
      for (const [key, child] of Object.entries(shape)) {
        if (Object.hasOwn(input, key)) unknownKeys(child, input[key], [...path, key], found);
      }
      break;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      if (def.innerType) unknownKeys(def.innerType, input, path, found);
      break;
    case 'pipe':
      if (def.in) unknownKeys(def.in, input, path, found);
      break;
    case 'lazy':
      if (def.getter) unknownKeys(def.getter(), input, path, found);
      break;
    case 'array':
      if (Array.isArray(input) && def.element)
        input.forEach((v, i) => unknownKeys(def.element!, v, [...path, String(i)], found));
      break;
    case 'tuple':
      if (Array.isArray(input)) {
        input.forEach((v, i) => {
          const item = def.items?.[i] ?? def.rest;
          if (item) unknownKeys(item, v, [...path, String(i)], found);
        });
      }
      break;
    case 'record':
      if (isPlainObject(input) && def.valueType) {
        for (const [key, v] of Object.entries(input)) unknownKeys(def.valueType, v, [...path, key], found);
      }
      break;
    case 'union': {
      const chosen = def.options?.find((o) => accepts(o, input));
      if (chosen) unknownKeys(chosen, input, path, found);
      break;
    }
    default:
      break;
  }
  return found;
}
