// The organisation shapes other modules answer with (auth's role grants): imported from here, never from a
// routes file.
import { z } from '@hono/zod-openapi';

export const GrantSchema = z
  .object({
    id: z.string(),
    roleId: z.string(),
    roleName: z.string(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
  })
  .openapi('Grant');
