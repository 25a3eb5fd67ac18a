import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/**
 * Runs an event's effects at most once per (consumer, event id): the inbox row and the handler's
 * writes commit in one transaction, so a redelivered event changes nothing, and a crash before
 * commit leaves neither behind (the event is redelivered and handled then).
 */
export class Inbox {
  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
  ) {}

  /** Resolves false when this consumer already handled the event (nothing ran). */
  async once(consumer: string, eventId: string, effects: (em: EntityManager) => Promise<void>): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      const res = await em.execute<{ affectedRows: number }>(
        `insert into "${this.schema}".inbox_event (consumer, event_id) values (?, ?) on conflict do nothing`,
        [consumer, eventId],
        'run',
      );
      if (res.affectedRows === 0) return false;
      await effects(em);
      return true;
    });
  }
}
