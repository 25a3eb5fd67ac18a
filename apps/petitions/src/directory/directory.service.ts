import type { DomainEvent } from '@gov/kernel';
import { DirectoryRepository } from '@gov/petitions-data-access';
import { Inbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';
import { DEPARTMENT_UNIT_KIND, StewardData, UnitData } from './directory-events.js';

/**
 * Keeps petitions' read models of identity's departments and stewards. Each event applies at most
 * once per consumer (the inbox) and an event older than what a row holds changes nothing.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly inbox: Inbox,
  ) {}

  /** identity's `unit.created`: government departments only. */
  async recordUnit(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const u = UnitData.parse(event.data);
    await this.inbox.once(consumer, event.id, async (em) => {
      if (u.kind === DEPARTMENT_UNIT_KIND) await this.directory.upsertDepartment(em, { id: u.id, code: u.code, name: u.name, region: u.region }, eventTime(event));
    });
  }

  /** identity's `steward.enrolled` and `steward.updated`: the sentinel chain follows reports_to. */
  async recordSteward(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const s = StewardData.parse(event.data);
    await this.inbox.once(consumer, event.id, (em) =>
      this.directory.upsertSteward(em, { id: s.id, personId: s.personId, number: s.number, class: s.class, grid: s.grid, reportsToId: s.reportsToId }, eventTime(event)),
    );
  }
}

/** When the change happened (the event's `time`); an event without a readable one counts as now. */
function eventTime(event: DomainEvent<unknown>): Date {
  const t = event.time ? new Date(event.time) : new Date();
  return Number.isNaN(t.getTime()) ? new Date() : t;
}
