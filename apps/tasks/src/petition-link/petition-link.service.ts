import type { DomainEvent } from '@gov/kernel';
import { DEFAULT_CHECKIN_RADIUS_M } from '@gov/tasks-contracts';
import { DirectoryRepository, TaskRepository, type PlaceRef } from '@gov/tasks-data-access';
import { COMMUNITY_DEPTH } from '@gov/tasks-domain';
import { Inbox } from '@gov/platform-outbox';
import { LOGGER } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { TaskService } from '../task/task.service.js';
import { TaskRequestedData } from './petition-link-events.js';

/** Points for a petition's task: an ordinary dispatched task's worth (the rules allow 5–20). */
export const PETITION_TASK_POINTS = 10;
/** Two stewards: the work on a resident's problem goes better, and safer, in pairs. */
export const PETITION_TASK_CAPACITY = 2;
/** A petition's task stays open at most a week; the petition's own deadline may come sooner. */
export const PETITION_TASK_MAX_DAYS = 7;
/**
 * The least time stewards get: an overdue petition (or one due within the hour) still needs the
 * work done, and a task that expires before anyone can reach it helps nobody. The petition's own
 * clocks keep the pressure on its handler.
 */
export const PETITION_TASK_MIN_HOURS = 24;
/** Marks the task on the map as a resident's petition (诉求). */
export const PETITION_TASK_TITLE_PREFIX = '【诉求】';
/** Introduces the handler's note in the task's description (办理人备注: the handler's note). */
const NOTE_LABEL = '办理人备注：';
/**
 * Where a petition without a point is worked from: its community's office (社区办公室), else its
 * party–mass service centre (党群服务中心), in this order.
 */
export const OFFICE_PLACE_KINDS = ['office', 'party_mass_centre'] as const;
/**
 * The publisher of petitions' tasks: no person publishes them, the petitions desk does. A fixed
 * id nobody signs in with, so only the region's verifiers (not a "publisher") may cancel one.
 */
export const PETITION_DESK_PUBLISHER_ID = '00000000-0000-4000-8000-00000000b001';
/** PublishTaskInput's bounds on a task's title and description. */
const TASK_TITLE_MAX = 100;
const TASK_DESCRIPTION_MAX = 2000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Publishes a dispatched task (派单任务) for a petition when its handler asks for one
 * (petitions' `petition.task-requested`): at the petition's point, or at its community's office
 * when it came without one. The task remembers the petition (`sourcePetitionId`), and its
 * `task.published` event carries it back: the petitions service links the two.
 *
 * At most one task per petition: the inbox drops a redelivered event, a repeated request for a
 * petition that has its task already is ignored, and a unique index on the column refuses a
 * second row whatever happens (a concurrent copy rolls back and, redelivered, is ignored).
 *
 * A petition without a point whose community has no office tasks knows of (from grids'
 * `place.created`) gets no task: the request is logged as a warning and consumed. Its handler
 * may ask again once the office is on the map (petitions refuses only when a task is linked).
 */
@Injectable()
export class PetitionLinkService {
  constructor(
    private readonly inbox: Inbox,
    private readonly taskService: TaskService,
    private readonly tasks: TaskRepository,
    private readonly directory: DirectoryRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async publishForPetition(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const r = TaskRequestedData.parse(event.data);
    await this.inbox.once(consumer, event.id, async (em) => {
      const existing = await this.tasks.bySourcePetition(em, r.id);
      if (existing) {
        this.logger.info({ eventId: event.id, petitionId: r.id, taskId: existing.id }, 'petition has its task already: request ignored');
        return;
      }
      const office = r.location ? null : await this.officeFor(em, r.region);
      const at = r.location ?? office;
      if (!at) {
        this.logger.warn(
          { eventId: event.id, petitionId: r.id, trackingCode: r.trackingCode, region: r.region },
          'no task for the petition: it has no location and tasks knows no office of its community',
        );
        return;
      }
      const task = await this.taskService.publishWithin(em, {
        id: randomUUID(),
        kind: 'dispatched',
        emergencyType: null,
        title: `${PETITION_TASK_TITLE_PREFIX}${r.title}`.slice(0, TASK_TITLE_MAX),
        description: (r.note ? `${r.description}\n\n${NOTE_LABEL}${r.note}` : r.description).slice(0, TASK_DESCRIPTION_MAX),
        region: r.region,
        lat: at.lat,
        lng: at.lng,
        // At the office, the office's own check-in radius applies.
        placeId: office?.id ?? null,
        checkinRadiusM: office?.checkinRadiusM ?? DEFAULT_CHECKIN_RADIUS_M,
        points: PETITION_TASK_POINTS,
        capacity: PETITION_TASK_CAPACITY,
        requiredClasses: [],
        deadline: petitionTaskDeadline(new Date(r.deadline), new Date()),
        publishedByPerson: PETITION_DESK_PUBLISHER_ID,
        publishedBySteward: null,
        sourcePetitionId: r.id,
      });
      this.logger.info({ eventId: event.id, petitionId: r.id, taskId: task.id }, 'task published for a petition');
    });
  }

  /** The office on the petition's node or above it up to its community, the nearest first. */
  private officeFor(em: EntityManager, region: string): Promise<PlaceRef | null> {
    const segments = region.split('/');
    const regions: string[] = [];
    for (let n = segments.length; n >= Math.min(COMMUNITY_DEPTH, segments.length); n--) regions.push(segments.slice(0, n).join('/'));
    return this.directory.firstPlaceOn(em, regions, OFFICE_PLACE_KINDS);
  }
}

/** The petition's deadline, but at most PETITION_TASK_MAX_DAYS and at least PETITION_TASK_MIN_HOURS from `now`. */
export function petitionTaskDeadline(petitionDeadline: Date, now: Date): Date {
  const latest = now.getTime() + PETITION_TASK_MAX_DAYS * DAY_MS;
  const earliest = now.getTime() + PETITION_TASK_MIN_HOURS * HOUR_MS;
  return new Date(Math.max(earliest, Math.min(petitionDeadline.getTime(), latest)));
}
