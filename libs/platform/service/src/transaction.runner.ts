import { OutboxRelay } from '@gov/platform-outbox';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/**
 * Runs a unit of work in one transaction — the change, its outbox events and its audit entry
 * commit together or not at all — then tells the outbox relay there is something to send.
 */
@Injectable()
export class TransactionRunner {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const em = (RequestContext.getEntityManager() ?? this.orm.em.fork()) as EntityManager;
    const result = await em.transactional((tx) => work(tx as EntityManager));
    this.relay.nudge();
    return result;
  }
}
