import { ADMIN_ROLES, actorCan, countyOf, notFound, regionContains, type Actor, type RoleName } from '@gov/kernel';
import { TasksEvents, type DutyCheckInInput, type DutySummaryInput, type DutySummaryView } from '@gov/tasks-contracts';
import { DutyRepository, type StewardRef } from '@gov/tasks-data-access';
import { DUTY_CHECKINS_PER_YEAR, periodsOf, taskVisibleTo } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DirectoryService } from '../directory/directory.service.js';
import { DutyErrors } from './duty.errors.js';

/** grids' place kinds (PLACE_KINDS) a cadre reports at: the community/village office and the party-mass service centre. */
export const DUTY_PLACE_KINDS: readonly string[] = ['office', 'party_mass_centre'];
/** Who may read another steward's check-ins: grid workers and admins of the steward's region. */
const DUTY_READER_ROLES: readonly RoleName[] = ['grid_worker', ...ADMIN_ROLES];

/**
 * Duty check-ins (双报到): cadres report to their home community's office at least
 * DUTY_CHECKINS_PER_YEAR times a year, on the spot (within the place's radius, metres on the
 * sphere), one a day (China Standard Time).
 */
@Injectable()
export class DutyService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly duty: DutyRepository,
    private readonly directory: DirectoryService,
  ) {}

  /** Checks the caller in at an office of their home community; answers the year's tally. */
  async checkIn(actor: Actor | null, input: z.output<typeof DutyCheckInInput>): Promise<DutySummaryView> {
    const a = requireActor(actor);
    const place = await this.directory.placeById(input.placeId);
    // A place the caller may not see (another county's) answers like an unknown one, before
    // anything about the caller is said.
    if (!place || place.archived || !taskVisibleTo(a, place.region)) throw notFound('place', input.placeId);
    const steward = await this.directory.stewardOf(a);
    if (countyOf(place.region) !== countyOf(steward.community)) throw notFound('place', input.placeId);
    if (!DUTY_PLACE_KINDS.includes(place.kind)) throw DutyErrors.notAnOffice();
    if (!regionContains(steward.community, place.region)) throw DutyErrors.notHomeCommunity(steward.community);
    const at = new Date();
    const { day, year } = periodsOf(at);
    await this.tx.run(async (em) => {
      const distance = await this.duty.distanceToPlace(em, place.id, input.location);
      if (distance > place.checkinRadiusM) throw DutyErrors.outsideGeofence(distance, place.checkinRadiusM);
      const id = randomUUID();
      const distanceM = Math.round(distance * 10) / 10;
      if (!(await this.duty.insert(em, { id, stewardId: steward.id, placeId: place.id, community: steward.community, day, distanceM: distance, at }))) {
        throw DutyErrors.alreadyCheckedInToday(day);
      }
      await this.outbox.add(em, {
        ...TasksEvents.dutyCheckedIn,
        region: place.region,
        subjectId: id,
        data: { id, stewardId: steward.id, placeId: place.id, community: steward.community, day, distanceM, at: at.toISOString() },
      });
    });
    return this.summaryOf(steward.id, Number(year));
  }

  /** A year's check-ins against the target: the caller's own, or (by stewardId) a steward of one of the caller's regions. */
  async summary(actor: Actor | null, input: z.output<typeof DutySummaryInput>): Promise<DutySummaryView> {
    const a = requireActor(actor);
    const steward = input.stewardId ? await this.readableSteward(a, input.stewardId) : await this.directory.stewardOf(a);
    return this.summaryOf(steward.id, input.year);
  }

  private async summaryOf(stewardId: string, year: number): Promise<DutySummaryView> {
    const days = await this.duty.daysInYear(stewardId, year);
    return { stewardId, year, count: days.length, target: DUTY_CHECKINS_PER_YEAR, days };
  }

  /** The steward when it is the caller, or the caller is a grid worker or admin over the steward's grid; NOT_FOUND otherwise, as for an unknown id. */
  private async readableSteward(a: Actor, id: string): Promise<StewardRef> {
    const steward = await this.directory.stewardById(id);
    const own = steward !== null && a.personId !== null && steward.personId === a.personId;
    if (!steward || !(own || actorCan(a, DUTY_READER_ROLES, steward.grid))) throw notFound('steward', id);
    return steward;
  }
}
