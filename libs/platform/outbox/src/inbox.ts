import type { DomainEvent } from '@gov/kernel';
import type { EventHandler } from '@gov/platform-messaging';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/**
 * Wraps an event handler so it runs at most once per (consumer, event id): the inbox row and the
 * handler's writes commit in one transaction, so a redelivered event changes nothing, and a crash
 * before commit leaves neither behind (the event is redelivered and handled then).
 */
export function handleOnce(
  orm: MikroORM,
  schema: string,
  consumer: string,
  handler: (event: DomainEvent, em: EntityManager) => Promise<void>,
): EventHandler {
  return async (event) => {
    await orm.em.fork().transactional(async (em) => {
      const res = await em.execute<{ affectedRows: number }>(
        `insert into "${schema}".inbox_event (consumer, event_id) values (?, ?) on conflict do nothing`,
        [consumer, event.id],
        'run',
      );
      if (res.affectedRows === 0) return;
      await handler(event, em);
    });
  };
}
