import { AppError, actorCan, notFound, pathNotFound, regionContains, type Actor } from '@gov/kernel';
import { PetitionsEvents, WHISTLE_ACK_HOURS, type WhistleView } from '@gov/petitions-contracts';
import { DirectoryRepository, PetitionRepository, WhistleRepository, type WhistleRecord } from '@gov/petitions-data-access';
import { SUPERVISOR_ROLES, WHISTLE_ACK_ROLES, communityOfRegion, departmentCounties, hoursFrom, petitionVisibleTo, staffRegions } from '@gov/petitions-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AcknowledgeWhistleInput, BlowWhistleInput, ListWhistlesInput } from '@gov/petitions-contracts';
import { PetitionErrors } from '../petition/petition.errors.js';

/**
 * 社区吹哨、部门报到: a community summons a department to a petition it cannot settle alone; the
 * department must acknowledge (report for duty) within WHISTLE_ACK_HOURS, and a late or missing
 * answer is reported (`whistle.overdue`) and counted in the statistics.
 */
@Injectable()
export class WhistleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly whistles: WhistleRepository,
    private readonly petitions: PetitionRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async blow(actor: Actor | null, input: z.output<typeof BlowWhistleInput>): Promise<WhistleView> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const p = await this.petitions.lock(em, input.petitionId);
      if (!p || !petitionVisibleTo(a, p)) throw notFound('petition', input.petitionId);
      const community = communityOfRegion(p.region);
      if (!community || !actorCan(a, SUPERVISOR_ROLES, community)) throw new AppError('FORBIDDEN', "only the petition's community (or above) blows the whistle");
      if (p.level !== 'grid' && p.level !== 'community') throw PetitionErrors.whistleNotCommunity();
      if (!['assigned', 'accepted', 'in_progress'].includes(p.state)) throw PetitionErrors.wrongState(p.state, 'whistled for');
      const d = await this.directory.department(em, input.departmentId);
      if (!d || (!regionContains(d.region, p.county) && !regionContains(p.county, d.region))) throw PetitionErrors.unknownDepartment();
      const w = await this.whistles.insert(em, {
        id: randomUUID(),
        petitionId: p.id,
        community,
        county: p.county,
        departmentId: d.id,
        urgency: input.urgency,
        reason: input.reason,
        blownBy: a.accountId,
        ackDeadline: hoursFrom(new Date(), WHISTLE_ACK_HOURS[input.urgency]),
      });
      await this.petitions.patch(em, p.id, { supervised: true });
      await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'whistle', fromState: p.state, toState: p.state, actorAccountId: a.accountId, actorLabel: a.username, level: p.level, note: `${d.name}: ${input.reason}` });
      await this.outbox.add(em, { ...PetitionsEvents.whistleBlown, region: p.region, subjectId: w.id, data: { ...whistleView(w) } });
      return whistleView(w);
    });
  }

  async acknowledge(actor: Actor | null, input: z.output<typeof AcknowledgeWhistleInput>): Promise<WhistleView> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const w = await this.whistles.byId(em, input.id, true);
      if (!w || !this.visible(a, w)) throw notFound('whistle', input.id);
      if (!actorCan(a, WHISTLE_ACK_ROLES, w.county)) throw new AppError('FORBIDDEN', 'only a department handler of the county reports for a whistle');
      if (w.acknowledgedAt) throw PetitionErrors.alreadyAcknowledged();
      const done = await this.whistles.acknowledge(em, w.id, a.accountId, input.note ?? null);
      const p = (await this.petitions.byId(w.petitionId))!;
      await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'whistle_acknowledged', fromState: p.state, toState: p.state, actorAccountId: a.accountId, actorLabel: a.username, level: p.level, note: input.note ?? null });
      await this.outbox.add(em, { ...PetitionsEvents.whistleAcknowledged, region: p.region, subjectId: w.id, data: { ...whistleView(done) } });
      return whistleView(done);
    });
  }

  async list(actor: Actor | null, input: z.output<typeof ListWhistlesInput>): Promise<WhistleView[]> {
    const a = requireActor(actor);
    const below = staffRegions(a);
    const counties = departmentCounties(a);
    if (input.region && !below.some((r) => regionContains(r, input.region!) || regionContains(input.region!, r)) && !counties.some((c) => regionContains(c, input.region!))) throw pathNotFound();
    const rows = await this.whistles.list({ below, departmentCounties: counties, region: input.region ?? null, open: input.open ?? null, limit: input.first });
    return rows.map(whistleView);
  }

  /** Reports each unanswered whistle past its deadline once (`whistle.overdue`). */
  async reportOverdue(batch: number): Promise<number> {
    return this.tx.run(async (em) => {
      const late = await this.whistles.lockOverdue(em, new Date(), batch);
      for (const w of late) {
        await this.whistles.markOverdueReported(em, w.id);
        const p = (await this.petitions.byId(w.petitionId))!;
        await this.petitions.appendTimeline(em, { petitionId: p.id, action: 'supervised', fromState: p.state, toState: p.state, actorAccountId: null, actorLabel: 'system', level: p.level, note: `${w.departmentName} did not report within the limit` });
        await this.outbox.add(em, { ...PetitionsEvents.whistleOverdue, region: p.region, subjectId: w.id, data: { ...whistleView(w) } });
      }
      return late.length;
    });
  }

  private visible(a: Actor, w: WhistleRecord): boolean {
    return actorCan(a, ['grid_worker', ...SUPERVISOR_ROLES], w.community) || actorCan(a, WHISTLE_ACK_ROLES, w.county);
  }
}

export function whistleView(w: WhistleRecord): WhistleView {
  return {
    id: w.id,
    petitionId: w.petitionId,
    community: w.community,
    departmentId: w.departmentId,
    departmentName: w.departmentName,
    urgency: w.urgency,
    reason: w.reason,
    blownAt: w.blownAt.toISOString(),
    blownBy: w.blownBy,
    ackDeadline: w.ackDeadline.toISOString(),
    acknowledgedAt: w.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: w.acknowledgedBy,
    late: w.acknowledgedAt ? w.acknowledgedAt > w.ackDeadline : w.ackDeadline < new Date(),
  };
}
