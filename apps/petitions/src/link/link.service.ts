import { countyOf, type DomainEvent } from '@gov/kernel';
import { PetitionRepository } from '@gov/petitions-data-access';
import { Inbox } from '@gov/platform-outbox';
import { LOGGER } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { PetitionService } from '../petition/petition.service.js';
import { SourcedData } from './link-events.js';

/**
 * Records on a petition the task (tasks' `task.published`) or the mediation case (mediation's
 * `case.opened`) opened for it, with a `linked` timeline entry and a `petition.linked` event, all
 * in the inbox's transaction: a redelivered event links nothing twice. Tasks and cases that come
 * from no petition are let through untouched.
 *
 * The link is checked against the petition: an event naming a petition this service does not
 * hold, or one of another county than the event's, changes nothing and is logged.
 */
@Injectable()
export class LinkService {
  constructor(
    private readonly inbox: Inbox,
    private readonly petitions: PetitionService,
    private readonly records: PetitionRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(consumer: string, event: DomainEvent<unknown>, kind: 'task' | 'mediation'): Promise<void> {
    const { id, sourcePetitionId } = SourcedData.parse(event.data);
    if (!sourcePetitionId) return;
    const petition = await this.records.byId(sourcePetitionId);
    if (!petition || countyOf(petition.region) !== event.county) {
      this.logger.warn({ eventId: event.id, kind, targetId: id, petitionId: sourcePetitionId, county: event.county }, 'no petition of its county to link: event ignored');
      return;
    }
    await this.inbox.once(consumer, event.id, (em) => this.petitions.link(em, sourcePetitionId, kind, id));
  }
}
