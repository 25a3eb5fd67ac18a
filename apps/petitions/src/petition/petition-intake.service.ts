import { AppError, pathNotFound, regionContains, type Actor } from '@gov/kernel';
import {
  PetitionRefusal,
  PUBLIC_CHANNELS,
  PetitionsEvents,
  STAFF_CHANNELS,
  type ContactInput,
  type SubmitPetitionInput,
  type SubmittedPetitionView,
} from '@gov/petitions-contracts';
import { CategoryRepository, DirectoryRepository, PetitionRepository, type CategoryRecord, type PetitionRecord } from '@gov/petitions-data-access';
import {
  SENTINEL_CHAIN_DEPTH,
  categoryDeadline,
  communityOfRegion,
  countyOfRegion,
  hashSubmitterKey,
  mayTypeInFor,
  newSubmitterKey,
  newTrackingCode,
} from '@gov/petitions-domain';
import { Outbox } from '@gov/platform-outbox';
import { PiiCipher, maskPhone } from '@gov/platform-persistence';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AttachmentCheck, attachmentUnavailable } from './attachments.js';
import { GridsClient, type QrResolution } from './grids.client.js';
import { PetitionErrors } from './petition.errors.js';
import { publicView } from './petition-view.js';

/** Where a petition was placed: its grid (or community) and, from a QR code, its building. */
interface Placement {
  region: string;
  buildingId: string | null;
  buildingName: string | null;
  compound: string | null;
  lat: number | null;
  lng: number | null;
}

/** A submission from an integrator (Open311): the API key decided the county. */
export interface IntegratorSubmission {
  county: string;
  apiKeyId: string;
  category: string;
  description: string;
  title: string | null;
  location: { lat: number; lng: number } | null;
  qrToken: string | null;
  contact: ContactInput | null;
}

const TITLE_FROM_DESCRIPTION_CHARS = 30;
/** The personal-data place of a petition's contact (table, column, row): ciphertexts are bound to it. */
export const contactPlace = (petitionId: string) => ({ table: 'petition', column: 'contact_enc', rowId: petitionId });

/**
 * Intake (受理) through every channel: the QR code on a building, a photo report, the hotline,
 * a sentinel's report, the steward app, door-knocking and the red mailbox. Contacts are encrypted;
 * the submitter gets a tracking code to follow the petition and a key to rate it.
 */
@Injectable()
export class PetitionIntakeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly petitions: PetitionRepository,
    private readonly categories: CategoryRepository,
    private readonly directory: DirectoryRepository,
    private readonly grids: GridsClient,
    private readonly attachments: AttachmentCheck,
    private readonly pii: PiiCipher,
    private readonly em: EntityManager,
  ) {}

  async submit(actor: Actor | null, input: z.output<typeof SubmitPetitionInput>): Promise<SubmittedPetitionView> {
    if (!actor && !PUBLIC_CHANNELS.includes(input.channel)) throw PetitionErrors.channelNeedsSignIn(input.channel);
    const category = await this.category(input.category);
    if (input.anonymous && !category.anonymousAllowed) throw PetitionErrors.anonymousNotAllowed();
    const contact = input.anonymous ? null : input.contact;
    if (!input.anonymous && !contact && (!actor || STAFF_CHANNELS.includes(input.channel))) throw PetitionErrors.contactNeeded();

    let sentinelChain: string[] = [];
    let placement: Placement;
    switch (input.channel) {
      case 'qr':
        if (!input.qrToken) throw PetitionErrors.noPlace('the token of the building QR code');
        placement = fromQr(await this.grids.resolveQr(input.qrToken));
        break;
      case 'photo':
        placement = await this.placeByTokenOrPoint(input.qrToken, input.location);
        break;
      case 'hotline':
      case 'door_knock':
      case 'mailbox':
        if (!input.region) throw PetitionErrors.noPlace('the region the petition belongs to');
        if (!mayTypeInFor(actor!, input.region)) throw PetitionErrors.channelNeedsStaff(input.channel);
        placement = { ...(input.location ? { lat: input.location.lat, lng: input.location.lng } : { lat: null, lng: null }), region: input.region, buildingId: null, buildingName: null, compound: null };
        break;
      case 'sentinel':
      case 'steward_app': {
        const steward = actor!.personId ? await this.directory.stewardByPerson(this.em, actor!.personId) : null;
        if (!steward) throw PetitionErrors.notASentinel();
        if (input.channel === 'sentinel' && !input.sixPrevention) throw PetitionErrors.sixPreventionNeeded();
        placement = input.qrToken || input.location ? await this.placeByTokenOrPoint(input.qrToken, input.location) : { region: input.region ?? steward.grid, buildingId: null, buildingName: null, compound: null, lat: null, lng: null };
        // A steward reports in their own community (a sentinel's patrol), never across it.
        const home = communityOfRegion(steward.grid) ?? steward.grid;
        if (!regionContains(home, placement.region)) throw pathNotFound();
        if (input.channel === 'sentinel') sentinelChain = (await this.directory.chainAbove(this.em, steward.id, SENTINEL_CHAIN_DEPTH)).map((s) => s.id);
        break;
      }
    }

    const submitterKey = newSubmitterKey();
    const id = randomUUID();
    const checked = await this.attachments.check(input.attachmentIds, id, 'report');
    const created = await this.tx.run(async (em) => {
      const bound = await this.petitions.boundAttachments(em, input.attachmentIds);
      if (bound.length) throw attachmentUnavailable(bound[0]!);
      const p = await this.insert(em, {
        id,
        actor,
        channel: input.channel,
        category,
        title: input.title,
        description: input.description,
        placement,
        sixPrevention: input.channel === 'sentinel' ? input.sixPrevention : null,
        anonymous: input.anonymous,
        contact,
        submitterKey,
      });
      await this.petitions.addAttachments(em, checked);
      if (sentinelChain.length)
        await this.outbox.add(em, { ...PetitionsEvents.sentinelAlerted, region: p.region, subjectId: p.id, data: { id: p.id, sixPrevention: p.sixPrevention, notifyStewardIds: sentinelChain } });
      return p;
    });
    return { petition: publicView(created, await this.petitions.timeline(created.id)), submitterKey };
  }

  /** Open311 POST requests: the county comes from the API key; the place from a QR token or a point inside it. */
  async submitFromIntegrator(s: IntegratorSubmission): Promise<PetitionRecord> {
    const category = await this.category(s.category);
    const placement = await this.placeByTokenOrPoint(s.qrToken, s.location);
    if (!regionContains(s.county, placement.region)) throw pathNotFound();
    if (!s.contact && !category.anonymousAllowed) throw PetitionErrors.anonymousNotAllowed();
    return this.tx.run((em) =>
      this.insert(em, {
        id: randomUUID(),
        actor: null,
        actorLabel: `open311:${s.apiKeyId}`,
        channel: 'hotline',
        category,
        title: s.title,
        description: s.description,
        placement,
        sixPrevention: null,
        anonymous: !s.contact,
        contact: s.contact,
        submitterKey: newSubmitterKey(),
      }),
    );
  }

  /**
   * Writes the petition, its first timeline entry and its event in the caller's transaction
   * (the demo seed backdates `createdAt`).
   */
  async insert(
    em: EntityManager,
    n: {
      id: string;
      actor: Actor | null;
      actorLabel?: string;
      channel: PetitionRecord['channel'];
      category: CategoryRecord;
      title: string | null;
      description: string;
      placement: Placement;
      sixPrevention: PetitionRecord['sixPrevention'];
      anonymous: boolean;
      contact: ContactInput | null;
      submitterKey: string;
      createdAt?: Date;
    },
  ): Promise<PetitionRecord> {
    const createdAt = n.createdAt ?? new Date();
    const p = await this.petitions.insert(em, {
      id: n.id,
      trackingCode: newTrackingCode(),
      submitterKeyHash: hashSubmitterKey(n.submitterKey),
      channel: n.channel,
      state: 'submitted',
      categoryId: n.category.id,
      categoryKey: n.category.key,
      majorKey: n.category.majorKey,
      title: n.title ?? titleOf(n.description),
      description: n.description,
      region: n.placement.region,
      county: countyOfRegion(n.placement.region),
      buildingId: n.placement.buildingId,
      buildingName: n.placement.buildingName,
      compound: n.placement.compound,
      lat: n.placement.lat,
      lng: n.placement.lng,
      sixPrevention: n.sixPrevention,
      anonymous: n.anonymous,
      contactEnc: n.contact ? this.pii.encrypt(JSON.stringify(n.contact), contactPlace(n.id)) : null,
      contactMasked: n.contact ? `${n.contact.name.slice(0, 1)}** ${maskPhone(n.contact.phone)}` : null,
      submittedBy: n.actor?.accountId ?? null,
      submittedByPerson: n.actor?.personId ?? null,
      deadline: categoryDeadline(n.category.timeLimitDays, createdAt),
      createdAt,
    });
    await this.petitions.appendTimeline(em, {
      petitionId: p.id,
      at: createdAt,
      action: 'submitted',
      fromState: null,
      toState: 'submitted',
      actorAccountId: n.actor?.accountId ?? null,
      actorLabel: n.actorLabel ?? (n.actor ? n.actor.username : 'resident'),
      level: null,
      note: null,
    });
    // Events carry no personal data: the contact stays here, unmasked only through petitionContact (audited).
    await this.outbox.add(em, {
      ...PetitionsEvents.petitionSubmitted,
      region: p.region,
      subjectId: p.id,
      data: { id: p.id, trackingCode: p.trackingCode, channel: p.channel, category: p.categoryKey, region: p.region, buildingId: p.buildingId, deadline: p.deadline.toISOString() },
    });
    return p;
  }

  private async category(key: string): Promise<CategoryRecord> {
    const c = await this.categories.currentByKey(this.em, key);
    if (!c || !c.key.includes('.')) throw PetitionErrors.unknownCategory(key);
    if (c.retired) throw PetitionErrors.categoryRetired(key);
    return c;
  }

  private async placeByTokenOrPoint(token: string | null, point: { lat: number; lng: number } | null): Promise<Placement> {
    if (token) {
      const placed = fromQr(await this.grids.resolveQr(token));
      return point ? { ...placed, lat: point.lat, lng: point.lng } : placed;
    }
    if (!point) throw PetitionErrors.noPlace('a building QR token or the location of the problem');
    return { region: await this.grids.regionAt(point.lat, point.lng), buildingId: null, buildingName: null, compound: null, lat: point.lat, lng: point.lng };
  }
}

function fromQr(q: QrResolution): Placement {
  const region = q.grid?.path ?? q.community?.path;
  if (!region) throw new AppError('VALIDATION', 'this building lies outside every grid', PetitionRefusal.OUTSIDE_TERRITORY);
  return { region, buildingId: q.building.id, buildingName: q.building.name, compound: q.compound?.path ?? null, lat: null, lng: null };
}

function titleOf(description: string): string {
  const firstLine = description.split(/[\n。！？!?]/)[0] ?? description;
  return firstLine.slice(0, TITLE_FROM_DESCRIPTION_CHARS);
}
