/** Inputs of the identity service: zod schemas, validated by the service's pipe before a handler runs. */
import { ROLES, cursorSchema, idSchema as id, isValidIdCardNumber, isValidMobile, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * A cursor that may also be sent as null (GraphQL clients send `after: null` for the first page):
 * null reaches the services as absent.
 */
const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);

const personName = z.string().trim().min(1).max(50);
const password = z.string().min(8).max(128);

export const UNIT_KINDS = ['liaison_unit', 'government_department', 'enterprise', 'social_organisation'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Steward number classes 1–6 (红管家号段), see libs/identity/domain/src/steward-class.ts. */
export const STEWARD_CLASSES = [1, 2, 3, 4, 5, 6] as const;
export type StewardClass = (typeof STEWARD_CLASSES)[number];

/** Five-member deliberation (五员议事) roles. */
export const DELIBERATION_ROLES = ['information_collector', 'policy_explainer', 'dispute_mediator', 'custom_reformer', 'special_group_helper'] as const;
export type DeliberationRole = (typeof DELIBERATION_ROLES)[number];

/** Sentinel chain (哨兵—组长—班长). */
export const SENTINEL_ROLES = ['sentinel', 'group_leader', 'squad_leader'] as const;
export type SentinelRole = (typeof SENTINEL_ROLES)[number];

/**
 * `clientAddress` is the caller's IP address as the gateway saw it (absent for other callers):
 * identity throttles failed sign-ins per account and per address.
 */
export const LoginInput = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  clientAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
});
export const RefreshInput = z.object({ refreshToken: z.string().min(10).max(200) });
export const LogoutInput = RefreshInput;

export const CreateUnitInput = z.object({
  code: z.string().regex(/^[A-Z0-9]{2,12}$/, 'must be 2–12 capital letters or digits'),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  region: regionPath,
});
export const ListUnitsInput = z.object({ region: regionPath.optional(), first, after: cursor });

export const RegisterPersonInput = z.object({
  name: personName,
  phone: z.string().refine(isValidMobile, 'must be an 11-digit mainland mobile number'),
  idCardNumber: z
    .string()
    .max(18)
    .transform((s) => s.toUpperCase())
    .refine(isValidIdCardNumber, 'must be a valid 18-character resident ID number (checksum, birth date)'),
  region: regionPath,
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'must be 3–32 lowercase letters, digits, dot, dash or underscore').optional(),
  password: password.optional(),
});

export const GetByIdInput = z.object({ id, unmask: z.boolean().default(false) });

export const EnrollStewardInput = z.object({
  personId: id,
  class: z.union(STEWARD_CLASSES.map((c) => z.literal(c)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, ...z.ZodLiteral<StewardClass>[]]),
  unitId: id,
  grid: regionPath,
  building: z.string().regex(/^[0-9A-Z]{1,4}$/, 'must be a building number of 1–4 digits or capitals').optional(),
  deliberationRole: z.enum(DELIBERATION_ROLES).optional(),
  sentinelRole: z.enum(SENTINEL_ROLES).optional(),
  reportsToId: id.optional(),
});
export const UpdateStewardInput = EnrollStewardInput.omit({ personId: true })
  .partial()
  .extend({ id, building: EnrollStewardInput.shape.building.nullable().optional(), reportsToId: id.nullable().optional(), deliberationRole: z.enum(DELIBERATION_ROLES).nullable().optional(), sentinelRole: z.enum(SENTINEL_ROLES).nullable().optional() });
export const ListStewardsInput = z.object({
  region: regionPath.optional(),
  class: EnrollStewardInput.shape.class.optional(),
  unitId: id.optional(),
  first,
  after: cursor,
});

export const GrantRoleInput = z.object({ personId: id, role: z.enum(ROLES), region: regionPath });
export const RevokeRoleInput = z.object({ grantId: id });

export const ListAuditInput = z.object({
  region: regionPath.optional(),
  targetId: z.string().max(64).optional(),
  operation: z.string().max(64).optional(),
  first,
  after: cursor,
});

export type LoginInput = z.infer<typeof LoginInput>;
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;
export type RegisterPersonInput = z.input<typeof RegisterPersonInput>;
export type EnrollStewardInput = z.input<typeof EnrollStewardInput>;
export type UpdateStewardInput = z.input<typeof UpdateStewardInput>;
export type ListStewardsInput = z.input<typeof ListStewardsInput>;
export type GrantRoleInput = z.infer<typeof GrantRoleInput>;
export type ListAuditInput = z.input<typeof ListAuditInput>;
