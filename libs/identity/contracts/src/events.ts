import { ROLES, defineEvents } from '@gov/kernel';
import { z } from 'zod';
import { DELIBERATION_ROLES, SENTINEL_ROLES, STEWARD_CLASSES, UNIT_KINDS } from './inputs.js';

// Identity's events carry no personal data: a subscriber that needs a name or a phone asks
// identity for it (rpc.identity.person.get), and that read is audited.

/** A steward (StewardView) as the steward app's services keep it. */
const StewardData = z.object({
  id: z.string(),
  personId: z.string(),
  /** The steward number (红管家编号): class, unit, grid, building and a sequence, e.g. 6-DBWJ-G03-12-0007. */
  number: z.string(),
  /** Number class 1–6 (红管家号段). */
  class: z.literal(STEWARD_CLASSES),
  unitId: z.string(),
  /** The grid's region path. */
  grid: z.string(),
  /** The building number within the grid, for building stewards. */
  building: z.string().nullable(),
  deliberationRole: z.enum(DELIBERATION_ROLES).nullable(),
  sentinelRole: z.enum(SENTINEL_ROLES).nullable(),
  /** The steward next up the sentinel chain. */
  reportsToId: z.string().nullable(),
  enrolledAt: z.string(),
  updatedAt: z.string(),
});

/** A role grant (RoleGrantView). */
const RoleGrantData = z.object({
  id: z.string(),
  /** Null when the account belongs to no person. */
  personId: z.string().nullable(),
  accountId: z.string(),
  role: z.enum(ROLES),
  /** The region the role applies to, with everything below it. */
  region: z.string(),
  grantedAt: z.string(),
  /** The account that granted it; null for a grant made at bootstrap. */
  grantedBy: z.string().nullable(),
});

/**
 * Events the identity service publishes (ce-type gov.identity.<aggregate>.<event>.v<version>);
 * integrators subscribe to these. Spread an entry into `Outbox.add`: `{ ...IdentityEvents.unitCreated, … }`.
 */
export const IdentityEvents = defineEvents({
  personRegistered: {
    aggregate: 'person',
    event: 'registered',
    version: 1,
    summary: 'A person was registered (a resident, a steward or a member of staff), also the first administrator at bootstrap.',
    schema: z.object({ id: z.string(), region: z.string(), hasAccount: z.boolean() }),
  },
  unitCreated: {
    aggregate: 'unit',
    event: 'created',
    version: 1,
    summary: 'A unit stewards belong to (包联单位, a government department, an enterprise, a social organisation) was created.',
    schema: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS), region: z.string(), createdAt: z.string() }),
  },
  stewardEnrolled: {
    aggregate: 'steward',
    event: 'enrolled',
    version: 1,
    summary: 'A person was enrolled as a Red Steward (红管家) of a unit, on a grid, with a new steward number.',
    schema: StewardData,
  },
  stewardUpdated: {
    aggregate: 'steward',
    event: 'updated',
    version: 1,
    summary: "A steward's class, unit, grid, building or roles changed; the steward as it now is.",
    schema: StewardData,
  },
  stewardNumberReissued: {
    aggregate: 'steward',
    event: 'number-reissued',
    version: 1,
    summary: "A steward's number was reissued because the grid or building changed (published before the steward's update); old numbers are kept.",
    schema: z.object({ id: z.string(), previousNumber: z.string(), number: z.string() }),
  },
  roleGranted: {
    aggregate: 'role',
    event: 'granted',
    version: 1,
    summary: "A role was granted to a person's account on a region.",
    schema: RoleGrantData,
  },
  roleRevoked: {
    aggregate: 'role',
    event: 'revoked',
    version: 1,
    summary: 'A role grant was revoked.',
    schema: RoleGrantData,
  },
  refreshTokenReused: {
    aggregate: 'account',
    event: 'refresh-token-reused',
    version: 1,
    summary: 'A refresh token was presented a second time (assumed stolen): every session of that login was ended.',
    schema: z.object({ accountId: z.string(), familyId: z.string() }),
  },
});
