import type { DomainEvent } from '@gov/kernel';
import { DirectoryRepository, TaskRepository, type PlaceRef } from '@gov/tasks-data-access';
import { COMMUNITY_DEPTH } from '@gov/tasks-domain';
import { Inbox } from '@gov/platform-outbox';
import { LOGGER } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { OFFICE_PLACE_KINDS } from '../petition-link/petition-link.service.js';
import { TaskService } from '../task/task.service.js';
import { DecisionRecordedData, TASK_ACTION } from './decision-link-events.js';

/** Points for a decision's task: an ordinary dispatched task's worth (the rules allow 5–20). */
export const DECISION_TASK_POINTS = 10;
/** A meeting's decision is community work (a clean-up, a repair, a visit round): a small team of stewards. */
export const DECISION_TASK_CAPACITY = 3;
/** The decision's task stays open a week: the next meeting asks how it went. */
export const DECISION_TASK_DAYS = 7;
/** Marks the task on the map as a deliberation meeting's decision (议事: deliberation). */
export const DECISION_TASK_TITLE_PREFIX = '【议事】';
/** A decision without an agenda item is titled by this many first characters of its text. */
export const DECISION_TITLE_CHARS = 30;
/**
 * The publisher of decisions' tasks: no person publishes them, the deliberation desk does. A fixed
 * id nobody signs in with, so only the region's verifiers (not a "publisher") may cancel one.
 */
export const DELIBERATION_DESK_PUBLISHER_ID = '00000000-0000-4000-8000-00000000b002';
/** PublishTaskInput's bounds on a task's title and description. */
const TASK_TITLE_MAX = 100;
const TASK_DESCRIPTION_MAX = 2000;
/** Introduces the meeting in the task's description (来源: source). */
const SOURCE_LABEL = '来源：';
const DAY_MS = 24 * 3600_000;

/**
 * Publishes a dispatched task (派单任务) at the meeting's community office (社区办公室) when a
 * deliberation meeting's decision asks for one (mediation's `meeting.decision-recorded`, action
 * `task`). The task remembers the decision (`sourceDecisionId`) and its `task.published` carries
 * it. Decisions asking for anything else are consumed untouched.
 *
 * At most one task per decision: the inbox drops a redelivered event, another event for a decision
 * that has its task already is ignored, and a unique index on the column refuses a second row
 * whatever happens (a concurrent copy rolls back and, redelivered, is ignored).
 *
 * A decision whose community has no office tasks knows of (from grids' `place.created`) gets no
 * task: the event is logged as a warning and consumed.
 */
@Injectable()
export class DecisionLinkService {
  constructor(
    private readonly inbox: Inbox,
    private readonly taskService: TaskService,
    private readonly tasks: TaskRepository,
    private readonly directory: DirectoryRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async publishForDecision(consumer: string, event: DomainEvent<unknown>): Promise<void> {
    const d = DecisionRecordedData.parse(event.data);
    if (d.action !== TASK_ACTION) return;
    await this.inbox.once(consumer, event.id, async (em) => {
      const existing = await this.tasks.bySourceDecision(em, d.decisionId);
      if (existing) {
        this.logger.info({ eventId: event.id, decisionId: d.decisionId, taskId: existing.id }, 'decision has its task already: event ignored');
        return;
      }
      const office = await this.officeFor(em, d.region);
      if (!office) {
        this.logger.warn(
          { eventId: event.id, decisionId: d.decisionId, meetingId: d.meetingId, region: d.region },
          "no task for the meeting's decision: tasks knows no office of its community",
        );
        return;
      }
      const task = await this.taskService.publishWithin(em, {
        id: randomUUID(),
        kind: 'dispatched',
        emergencyType: null,
        title: clip(`${DECISION_TASK_TITLE_PREFIX}${titleOf(d)}`, TASK_TITLE_MAX),
        description: descriptionOf(d),
        region: d.region,
        lat: office.lat,
        lng: office.lng,
        // At the office, the office's own check-in radius applies.
        placeId: office.id,
        checkinRadiusM: office.checkinRadiusM,
        points: DECISION_TASK_POINTS,
        capacity: DECISION_TASK_CAPACITY,
        requiredClasses: [],
        // From when the task appears, so a late delivery does not shorten it.
        deadline: new Date(Date.now() + DECISION_TASK_DAYS * DAY_MS),
        publishedByPerson: DELIBERATION_DESK_PUBLISHER_ID,
        publishedBySteward: null,
        sourceDecisionId: d.decisionId,
      });
      this.logger.info({ eventId: event.id, decisionId: d.decisionId, meetingId: d.meetingId, taskId: task.id }, "task published for a meeting's decision");
    });
  }

  /** The office on the meeting's node or above it up to its community, the nearest first. */
  private officeFor(em: EntityManager, region: string): Promise<PlaceRef | null> {
    const segments = region.split('/');
    const regions: string[] = [];
    for (let n = segments.length; n >= Math.min(COMMUNITY_DEPTH, segments.length); n--) regions.push(segments.slice(0, n).join('/'));
    return this.directory.firstPlaceOn(em, regions, OFFICE_PLACE_KINDS);
  }
}

/** The agenda item's title, else the decision text's first characters (on one line). */
export function titleOf(d: { agendaItemTitle?: string | null; text: string }): string {
  return d.agendaItemTitle ?? clip(d.text.replace(/\s+/g, ' '), DECISION_TITLE_CHARS);
}

/** The decision's text, then the meeting that took it (kept whole: a long text is cut instead). */
export function descriptionOf(d: { meetingTitle: string; text: string }): string {
  const source = `\n\n${SOURCE_LABEL}「${d.meetingTitle}」`;
  return `${clip(d.text, TASK_DESCRIPTION_MAX - Array.from(source).length)}${source}`;
}

/** At most `max` characters (code points), an ellipsis marking a cut. */
function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
