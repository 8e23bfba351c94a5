/** Zod schemas of the identity module's API: shared by the routes (and so the OpenAPI document), the web and the CLI. */
import { z } from 'zod';
import { permissions, purposes, roles, schemaMessage, sensitiveFields } from '@shuzhi/core';

export const roleSchema = z.enum(roles);
export const purposeSchema = z.enum(purposes);
export const permissionSchema = z.enum(permissions);

export const usernameSchema = z
  .string()
  .min(3, 'at least 3 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, schemaMessage('username-form'));

export const passwordSchema = z.string().min(10, 'at least 10 characters').max(256, 'at most 256 characters');

export const areaCodeSchema = z.string().regex(/^\d{2,12}$/, schemaMessage('area-code-digits'));

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  areaCode: z.string().nullable(),
  personId: z.string().nullable(),
  /** For a `data_source` account: the registered source it submits as (null: not bound, may not submit). */
  sourceId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const sourceIdSchema = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');

export const newUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().min(1, 'required').max(100, 'at most 100 characters'),
    role: roleSchema,
    areaCode: areaCodeSchema.nullable().default(null),
    personId: z.string().nullable().default(null),
    /** Required for role `data_source`, refused for any other role. */
    sourceId: sourceIdSchema.nullable().default(null),
    password: passwordSchema,
  })
  .superRefine((user, issues) => {
    if (user.role === 'data_source' && user.sourceId === null)
      issues.addIssue({
        code: 'custom',
        path: ['sourceId'],
        message: schemaMessage('account-source-required'),
      });
    if (user.role !== 'data_source' && user.sourceId !== null)
      issues.addIssue({
        code: 'custom',
        path: ['sourceId'],
        message: schemaMessage('account-source-role', { role: user.role }),
      });
  });
export type NewUser = z.input<typeof newUserSchema>;

/** Binds a data-source account to the registered source it submits as. */
export const userSourceSchema = z.object({ sourceId: sourceIdSchema });

export const loginSchema = z.object({
  username: z.string().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
  /** `cookie` (the web: httpOnly session cookie + CSRF token) or `bearer` (API clients: token in the body). */
  mode: z.enum(['cookie', 'bearer']).default('cookie'),
});

export const sessionInfoSchema = z.object({
  user: userSchema,
  permissions: z.array(permissionSchema),
  purposes: z.array(purposeSchema),
  /**
   * The sensitive fields this user sees in clear (its role's default). The server refuses a search or sort by
   * any other, so the web offers only these; it reads them here instead of keeping a copy of the policy.
   */
  disclosed: z.array(z.enum(sensitiveFields)),
  csrfToken: z.string().nullable(),
  token: z.string().nullable(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
