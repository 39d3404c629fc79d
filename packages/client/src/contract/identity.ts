import { z } from 'zod';
import {
  emailSchema,
  nameSchema,
  roleSchema,
  timestampSchema,
  uuidSchema,
  wireLimits,
} from './common.js';

/** Wire schemas of signup, login, users, the organization and API keys. */

const passwordSchema = z
  .string({ error: 'must be a string' })
  .min(wireLimits.passwordLengthMin, `must be at least ${wireLimits.passwordLengthMin} characters`)
  .max(wireLimits.passwordLengthMax, `must be at most ${wireLimits.passwordLengthMax} characters`);

export const signupBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  full_name: nameSchema,
  organization_name: nameSchema,
});

export const loginBodySchema = z.strictObject({
  email: z
    .string({ error: 'must be a string' })
    .min(1, 'is required')
    .max(wireLimits.emailLengthMax),
  // Any length up to the maximum: a short password is simply wrong, not a validation error.
  password: z
    .string({ error: 'must be a string' })
    .min(1, 'is required')
    .max(wireLimits.passwordLengthMax),
});

export const userSchema = z
  .strictObject({
    id: uuidSchema,
    email: z.string(),
    full_name: z.string(),
    organization_id: uuidSchema,
    role: roleSchema,
    created_at: timestampSchema,
  })
  .meta({ id: 'User' });

export const tokenSchema = z
  .strictObject({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.int().positive(),
    user: userSchema,
  })
  .meta({ id: 'Token' });

export const apiKeySchema = z
  .strictObject({
    id: uuidSchema,
    name: z.string(),
    role: roleSchema,
    prefix: z.string(),
    created_at: timestampSchema,
  })
  .meta({ id: 'ApiKey' });

/** `GET /auth/me` called with an API key describes the key. */
export const apiKeyIdentitySchema = z
  .strictObject({
    id: uuidSchema,
    name: z.string(),
    role: roleSchema,
    prefix: z.string(),
    organization_id: uuidSchema,
    created_at: timestampSchema,
  })
  .meta({ id: 'ApiKeyIdentity' });

/** The key itself is in `key`, shown this once; the server keeps only a hash. */
export const apiKeyCreatedSchema = z
  .strictObject({
    id: uuidSchema,
    name: z.string(),
    role: roleSchema,
    key: z.string(),
    prefix: z.string(),
    created_at: timestampSchema,
  })
  .meta({ id: 'ApiKeyCreated' });

export const meSchema = z.union([userSchema, apiKeyIdentitySchema]);

export const organizationSchema = z
  .strictObject({ id: uuidSchema, name: z.string(), created_at: timestampSchema })
  .meta({ id: 'Organization' });

export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  full_name: nameSchema,
  role: roleSchema,
});

export const createApiKeyBodySchema = z.strictObject({ name: nameSchema, role: roleSchema });

export const healthSchema = z
  .strictObject({
    status: z.enum(['healthy', 'unhealthy']),
    database: z.enum(['ok', 'unavailable']),
    version: z.string(),
  })
  .meta({ id: 'Health' });
