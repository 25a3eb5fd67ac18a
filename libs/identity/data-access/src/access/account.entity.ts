import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { RoleName } from '@gov/kernel';

/** Something that can log in: a person's account or an integrator's service account. */
@Entity({ tableName: 'account' })
export class Account {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', unique: true }) username!: string;
  @Property({ type: 'uuid', nullable: true, unique: true }) personId: string | null = null;
  @Property({ type: 'text', hidden: true }) passwordHash!: string;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'timestamptz', nullable: true }) disabledAt: Date | null = null;
}

/** A role held on a region and everything below it. Revoked grants stay for the record. */
@Entity({ tableName: 'role_grant' })
export class RoleGrant {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) accountId!: string;
  @Property({ type: 'text' }) role!: RoleName;
  @Property({ type: 'text' }) region!: string;
  @Property({ type: 'timestamptz' }) grantedAt: Date & Opt = new Date();
  @Property({ type: 'uuid', nullable: true }) grantedBy: string | null = null;
  @Property({ type: 'timestamptz', nullable: true }) revokedAt: Date | null = null;
  @Property({ type: 'uuid', nullable: true }) revokedBy: string | null = null;
}

/** A refresh token, stored as its SHA-256. Rotated on every use; all tokens of one login share a family. */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) accountId!: string;
  @Property({ type: 'uuid' }) familyId!: string;
  @Property({ type: 'text', unique: true }) tokenHash!: string;
  @Property({ type: 'timestamptz' }) issuedAt: Date & Opt = new Date();
  @Property({ type: 'timestamptz' }) expiresAt!: Date;
  @Property({ type: 'timestamptz', nullable: true }) usedAt: Date | null = null;
  @Property({ type: 'timestamptz', nullable: true }) revokedAt: Date | null = null;
}

/** An ES256 key pair for access tokens. Retired keys stay in the JWKS until tokens they signed expire. */
@Entity({ tableName: 'signing_key' })
export class SigningKey {
  @PrimaryKey({ type: 'text' }) kid!: string;
  /** Private JWK, encrypted like personal data. */
  @Property({ type: 'text', hidden: true }) privateJwkEnc!: string;
  @Property({ type: 'jsonb' }) publicJwk!: Record<string, unknown>;
  @Property({ type: 'timestamptz' }) createdAt: Date & Opt = new Date();
  /** From then on the key no longer signs. */
  @Property({ type: 'timestamptz', nullable: true }) retiredAt: Date | null = null;
}

/** Where a signing key's private half lives: its ciphertext is bound to this place. */
export const signingKeyPlace = (kid: string) => ({ table: 'signing_key', column: 'private_jwk_enc', rowId: kid });
