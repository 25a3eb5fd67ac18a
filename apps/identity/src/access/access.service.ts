import { isValidMobile, requireFound, unauthenticated, type Actor, type RoleGrantRef } from '@gov/kernel';
import { IdentityEvents, type LoginInput, type LogoutInput, type MeView, type RefreshInput, type TokenPair } from '@gov/identity-contracts';
import { Account, Person, RefreshToken, RoleGrant } from '@gov/identity-data-access';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { PiiCipher } from '@gov/platform-persistence';
import { SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AuditLog } from '../common/audit-log.js';
import type { IdentityConfig } from '../config.js';
import { LoginThrottle } from './login-throttle.js';
import { SigningKeys } from './signing-keys.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Login, token refresh with rotation and reuse detection, logout. */
@Injectable()
export class AccessService {
  /** Verified against when the login is unknown, so timing does not tell which logins exist. */
  private decoyHash?: Promise<string>;
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly throttle: LoginThrottle,
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly pii: PiiCipher,
    private readonly keys: SigningKeys,
  ) {}

  /**
   * Throttled per account and per client address (LoginThrottle): the attempt is counted before
   * the password is checked and refused outright once a counter is at its limit.
   */
  async login(input: z.output<typeof LoginInput>): Promise<TokenPair> {
    const em = this.em;
    let account: Account | null;
    if (isValidMobile(input.login)) {
      const people = await em.find(Person, { phoneIdx: this.pii.blindIndex(input.login) });
      account = people.length ? await em.findOne(Account, { personId: { $in: people.map((p) => p.id) } }) : null;
    } else {
      account = await em.findOne(Account, { username: input.login.toLowerCase() });
    }
    const keys = this.throttle.keys(account?.id ?? null, input.login, input.clientAddress);
    // Its own short transaction (no outbox, so not TransactionRunner, which would nudge the relay on every attempt).
    await em.transactional((tx) => this.throttle.begin(tx as EntityManager, keys));
    this.decoyHash ??= hash(randomBytes(16).toString('hex'));
    const ok = await verify(account?.passwordHash ?? (await this.decoyHash), input.password).catch(() => false);
    if (!account || !ok || account.disabledAt) throw unauthenticated('wrong login or password', 'BAD_CREDENTIALS');
    return this.tx.run(async (tx) => {
      await this.throttle.succeeded(tx, keys);
      return this.issue(tx, account!, randomUUID());
    });
  }

  async refresh({ refreshToken }: z.output<typeof RefreshInput>): Promise<TokenPair> {
    const tokenHash = sha256(refreshToken);
    const outcome = await this.tx.run(async (em) => {
      const row = await em.findOne(RefreshToken, { tokenHash }, { lockMode: 4 /* pessimistic write */ });
      if (!row) throw unauthenticated('refresh token not recognised', 'INVALID_REFRESH_TOKEN');
      if (row.revokedAt && !row.usedAt) throw unauthenticated('this login has ended; sign in again', 'REFRESH_TOKEN_REVOKED');
      if (row.usedAt) {
        // Someone presents a token that was already exchanged: assume it was stolen and end the whole login.
        const revoked = await em.nativeUpdate(RefreshToken, { familyId: row.familyId, revokedAt: null }, { revokedAt: new Date() });
        if (revoked > 0) {
          const account = await em.findOneOrFail(Account, { id: row.accountId });
          await this.outbox.add(em, { ...IdentityEvents.refreshTokenReused, region: await this.homeRegion(em, account), subjectId: account.id, data: { accountId: account.id, familyId: row.familyId } });
          await this.audit.record(em, null, { operation: 'account.refresh-token-reused', targetType: 'account', targetId: account.id, region: await this.homeRegion(em, account), detail: { familyId: row.familyId } });
        }
        return 'reused' as const;
      }
      if (row.expiresAt.getTime() < Date.now()) throw unauthenticated('refresh token expired; sign in again', 'REFRESH_TOKEN_EXPIRED');
      row.usedAt = new Date();
      const account = await em.findOneOrFail(Account, { id: row.accountId });
      if (account.disabledAt) throw unauthenticated('account disabled', 'ACCOUNT_DISABLED');
      return this.issue(em, account, row.familyId);
    });
    // Thrown after commit so the family revocation sticks.
    if (outcome === 'reused') throw unauthenticated('refresh token was already used; all sessions of this login are ended', 'REFRESH_TOKEN_REUSED');
    return outcome;
  }

  async logout({ refreshToken }: z.output<typeof LogoutInput>): Promise<boolean> {
    return this.tx.run(async (em) => {
      const row = await em.findOne(RefreshToken, { tokenHash: sha256(refreshToken) });
      if (!row) return false;
      await em.nativeUpdate(RefreshToken, { familyId: row.familyId, revokedAt: null }, { revokedAt: new Date() });
      return true;
    });
  }

  async me(actor: Actor | null): Promise<MeView> {
    const a = requireActor(actor);
    const em = this.em;
    const account = requireFound(await em.findOne(Account, { id: a.accountId }), 'account', a.accountId);
    return { accountId: account.id, username: account.username, personId: account.personId, grants: await this.grants(em, account.id) };
  }


  private async issue(em: EntityManager, account: Account, familyId: string): Promise<TokenPair> {
    const { config } = this;
    const refreshToken = randomBytes(32).toString('base64url');
    em.create(RefreshToken, { id: randomUUID(), accountId: account.id, familyId, tokenHash: sha256(refreshToken), expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000) });
    await em.flush();
    const grants = await this.grants(em, account.id);
    const accessToken = await this.keys.sign(
      { typ: 'access', pid: account.personId, usr: account.username, grants },
      { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, subject: account.id },
    );
    return { accessToken, refreshToken, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS };
  }

  private async grants(em: EntityManager, accountId: string): Promise<RoleGrantRef[]> {
    const rows = await em.find(RoleGrant, { accountId, revokedAt: null }, { orderBy: { grantedAt: 'asc' } });
    return rows.map((g) => ({ role: g.role, region: g.region }));
  }

  private async homeRegion(em: EntityManager, account: Account): Promise<string> {
    const person = account.personId ? await em.findOne(Person, { id: account.personId }) : null;
    return person?.region ?? 'city';
  }
}
