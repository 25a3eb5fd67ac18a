import type { Outbox } from '@gov/platform-outbox';
import type { PiiCipher } from '@gov/platform-persistence';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AuditLog } from './audit/audit.service.js';
import type { IdentityConfig } from './config.js';

/** What every feature service of identity needs; built once in app.ts. */
export interface Deps {
  config: IdentityConfig;
  orm: MikroORM;
  schema: string;
  outbox: Outbox;
  audit: AuditLog;
  pii: PiiCipher;
  logger: Logger;
  /** Runs `fn` in one transaction, then tells the outbox relay there is something to send. */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
  /** A fresh EntityManager for reads. */
  em(): EntityManager;
}
