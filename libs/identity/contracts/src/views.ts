/** What the identity service answers with: plain serialisable views. */
import type { RoleName, RoleGrantRef } from '@gov/kernel';
import type { UnitKind, StewardClass, DeliberationRole, SentinelRole } from './inputs.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface PersonView {
  id: string;
  name: string;
  phone: string;
  idCardNumber: string;
  region: string;
  /** False only when the caller asked to unmask and holds the permission (the read is audited). */
  masked: boolean;
  createdAt: string;
}

export interface UnitView {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  region: string;
  createdAt: string;
}

export interface StewardView {
  id: string;
  personId: string;
  number: string;
  class: StewardClass;
  unitId: string;
  grid: string;
  building: string | null;
  deliberationRole: DeliberationRole | null;
  sentinelRole: SentinelRole | null;
  reportsToId: string | null;
  enrolledAt: string;
  updatedAt: string;
}

/**
 * The card of a steward the caller may read. `name` and `unitName` are null when the person or
 * the unit lies outside the caller's regions (a steward of county A may be a person or belong to
 * a unit of county B); the steward's own card always shows both.
 */
export interface StewardCard {
  /** The steward's id (batch reads match cards to stewards by it). */
  id: string;
  number: string;
  name: string | null;
  classTitle: string;
  unitName: string | null;
  grid: string;
  building: string | null;
  duties: string[];
}

/** One number a steward held: the current one has no `retiredAt`. */
export interface StewardNumberView {
  number: string;
  issuedAt: string;
  retiredAt: string | null;
}

export interface RoleGrantView {
  id: string;
  personId: string | null;
  accountId: string;
  role: RoleName;
  region: string;
  grantedAt: string;
  grantedBy: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  operation: string;
  targetType: string;
  targetId: string | null;
  region: string;
  outcome: 'ok' | 'denied';
  detail: Record<string, unknown> | null;
}

export interface MeView {
  accountId: string;
  username: string;
  personId: string | null;
  grants: RoleGrantRef[];
}
