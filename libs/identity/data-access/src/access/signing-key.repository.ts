import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SigningKey } from './account.entity.js';

/**
 * The signing_key table. Creating or rotating a key happens under a transaction-level advisory
 * lock, one replica at a time, so replicas agree on a single current key.
 */
@Injectable()
export class SigningKeyRepository {
  /** Holds the signing-key lock until the caller's transaction ends. */
  async lock(em: EntityManager): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtext('identity:signing-key'))`);
  }

  /** The key that signs (the newest one not retired), if any. */
  current(em: EntityManager): Promise<SigningKey | null> {
    return em.findOne(SigningKey, { retiredAt: null }, { orderBy: { createdAt: 'desc' } });
  }

  /** Retires the current key and stores `key` as the new one (flushed). */
  async replace(em: EntityManager, key: Pick<SigningKey, 'kid' | 'publicJwk' | 'privateJwkEnc'>): Promise<void> {
    await em.nativeUpdate(SigningKey, { retiredAt: null }, { retiredAt: new Date() });
    em.create(SigningKey, { ...key, createdAt: new Date() });
    await em.flush();
  }

  /** Every key, newest first. */
  all(em: EntityManager): Promise<SigningKey[]> {
    return em.find(SigningKey, {}, { orderBy: { createdAt: 'desc' } });
  }
}
