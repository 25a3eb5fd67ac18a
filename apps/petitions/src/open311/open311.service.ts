import { AppError, actorCan, actorRegions, notFound, type Actor, type RoleName } from '@gov/kernel';
import {
  ContactInput,
  OPEN311_ATTRIBUTES,
  OPEN311_MAX_RESULTS,
  OPEN311_OPEN_STATES,
  OPEN311_TITLE_MAX,
  OPEN311_WINDOW_DAYS,
  type ApiKeyView,
  type IssueApiKeyInput,
  type Level,
  type Open311AttributeView,
  type Open311QueryInput,
  type Open311RequestView,
  type Open311ServiceDefinitionView,
  type Open311ServicesView,
  type Open311ServiceView,
  type Open311SubmitInput,
  type Open311SubmittedView,
  type Open311UpdatesInput,
  type Open311UpdateView,
  type PetitionState,
} from '@gov/petitions-contracts';
import { CategoryRepository, Open311Repository, PetitionRepository, type ApiKeyRecord, type CategoryRecord, type PetitionRecord, type TimelineRecord } from '@gov/petitions-data-access';
import { requireActor } from '@gov/platform-auth';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { PetitionIntakeService } from '../petition/petition-intake.service.js';
import { publicView } from '../petition/petition-view.js';
import { Open311Errors } from './open311.errors.js';

/** Who issues, lists and revokes a county's keys. */
const KEY_ADMIN_ROLES: readonly RoleName[] = ['county_admin', 'city_admin'];
/** Keys look like `o311_…`, so a leaked one is recognisable in logs and repositories. */
const API_KEY_PREFIX = 'o311_';
const API_KEY_BYTES = 32;
const DAY_MS = 24 * 3600_000;
/**
 * Answers travel back over NATS (1 MB messages): an answer stops adding requests or updates once
 * it holds this much JSON, well below the limit. The client narrows its window to see the rest.
 */
const REPLY_BUDGET_BYTES = 768 * 1024;
/** Timeline actions servicerequestupdates leaves out: the submission is the request itself. */
const NOT_UPDATES = ['submitted'];
/** States whose status notes carry the handler's result (办理结果). */
const WITH_RESULT: readonly PetitionState[] = ['resolved', 'closed'];
const LEVEL_NAMES_ZH: Record<Level, string> = { grid: '网格', community: '社区', street: '街道', department: '职能部门' };
const ANONYMOUS_VALUES = ['true', 'false'];

/**
 * The Open311 GeoReport v2 facade of petitions. Integrators (the 12345 hotline platform, the
 * one-stop petition platform) hold an API key a county admin issued; the key decides the county,
 * and every answer is about that county alone — another county's request answers like a missing
 * one. A request is a petition: its service_request_id is the tracking code (查询码), and what an
 * integrator reads is what the tracking page shows (publicView), never a contact.
 */
@Injectable()
export class Open311Service {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: Open311Repository,
    private readonly petitions: PetitionRepository,
    private readonly categories: CategoryRepository,
    private readonly intake: PetitionIntakeService,
    private readonly em: EntityManager,
  ) {}

  // ---- Keys (GraphQL, for county admins) ---------------------------------------------------------

  /** A new key for the county, shown once in this answer; only its hash is stored. */
  async issueKey(actor: Actor | null, input: z.output<typeof IssueApiKeyInput>): Promise<ApiKeyView> {
    const a = requireActor(actor);
    if (!actorCan(a, KEY_ADMIN_ROLES, input.county)) throw Open311Errors.notKeyAdmin();
    const key = `${API_KEY_PREFIX}${randomBytes(API_KEY_BYTES).toString('base64url')}`;
    const row = await this.tx.run((em) => this.keys.insertKey(em, { id: randomUUID(), keyHash: hashApiKey(key), county: input.county, label: input.label, createdBy: a.accountId }));
    return keyView(row, key);
  }

  /** Stops a key at once; another county's key answers NOT_FOUND like a missing one. */
  async revokeKey(actor: Actor | null, id: string): Promise<ApiKeyView> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const k = await this.keys.lockKey(em, id);
      if (!k || !actorCan(a, KEY_ADMIN_ROLES, k.county)) throw notFound('open311 key', id);
      if (k.revokedAt) throw Open311Errors.alreadyRevoked();
      return keyView(await this.keys.revokeKey(em, id, a.accountId, new Date()), null);
    });
  }

  /** The keys of every county the caller administers (never the keys themselves). */
  async listKeys(actor: Actor | null): Promise<ApiKeyView[]> {
    const regions = actorRegions(requireActor(actor), KEY_ADMIN_ROLES);
    if (regions.length === 0) throw Open311Errors.notKeyAdmin();
    return (await this.keys.keysIn(regions)).map((k) => keyView(k, null));
  }

  // ---- GeoReport v2 (the gateway's /open311/v2) --------------------------------------------------

  /** The minor categories (事项小类) as services, or one with its definition. The taxonomy is public; a key, when given, must be valid. */
  async services(input: { apiKey?: string | null; serviceCode?: string | null }): Promise<Open311ServicesView> {
    if (input.apiKey) await this.keyOf(input.apiKey);
    const minors = (await this.categories.current(this.em, false)).filter((c) => c.key.includes('.'));
    if (!input.serviceCode) return { services: minors.map(serviceView), definition: null };
    const c = minors.find((m) => m.key === input.serviceCode);
    if (!c) throw Open311Errors.unknownService(input.serviceCode);
    return { services: [serviceView(c)], definition: definitionOf(c) };
  }

  /** POST requests: a petition in the key's county, from a building's QR token or a point. */
  async submit(input: Open311SubmitInput): Promise<Open311SubmittedView> {
    const key = await this.keyOf(input.apiKey);
    const attributes = parseAttributes(input.attributes);
    if (input.addressId && attributes.qrToken && input.addressId !== attributes.qrToken) throw Open311Errors.addressConflict();
    const lat = input.lat ?? null;
    const lng = input.long ?? null;
    if ((lat === null) !== (lng === null)) throw Open311Errors.halfPoint();
    const location = lat !== null && lng !== null ? { lat, lng } : null;
    const contact = attributes.anonymous ? null : contactOf(input);
    // A photo stays where the integrator keeps it: handlers find its address in the description.
    const description = input.mediaUrl ? `${input.description}\n图片：${input.mediaUrl}` : input.description;
    try {
      const p = await this.intake.submitFromIntegrator({
        county: key.county,
        apiKeyId: key.id,
        category: input.serviceCode,
        description,
        title: attributes.title,
        location,
        qrToken: input.addressId || attributes.qrToken,
        contact,
      });
      return { service_request_id: p.trackingCode, service_notice: serviceNotice(p), account_id: null, token: null };
    } catch (err) {
      // The intake answers a place outside the county as it answers an unknown region (no reason);
      // to the integrator that is a bad location in its request.
      if (err instanceof AppError && err.code === 'NOT_FOUND' && !err.reason) throw Open311Errors.outsideCounty();
      throw err;
    }
  }

  /** GET requests: the county's petitions by tracking code, or filtered within a window of at most OPEN311_WINDOW_DAYS. */
  async requests(input: Open311QueryInput): Promise<Open311RequestView[]> {
    const key = await this.keyOf(input.apiKey);
    const codes = input.ids?.map((c) => c.toUpperCase()).filter(Boolean) ?? [];
    const base = { county: key.county, openStates: OPEN311_OPEN_STATES, limit: OPEN311_MAX_RESULTS };
    const ids = codes.length
      ? await this.keys.requestIds({ ...base, trackingCodes: codes, categoryKey: null, from: null, to: null, open: null })
      : await this.keys.requestIds({ ...base, trackingCodes: null, categoryKey: input.serviceCode || null, ...windowOf(input.startDate, input.endDate), open: input.status ? input.status === 'open' : null });
    const byId = new Map((await this.petitions.byIds(ids)).map((p) => [p.id, p]));
    const timelines = groupByPetition(await this.keys.timelines(ids));
    return withinBudget(ids.flatMap((id) => (byId.has(id) ? [requestView(byId.get(id)!, timelines.get(id) ?? [])] : [])));
  }

  /** GET servicerequestupdates: public timeline steps of the county's petitions within the window, oldest first. */
  async updates(input: Open311UpdatesInput): Promise<Open311UpdateView[]> {
    const key = await this.keyOf(input.apiKey);
    const { from, to } = windowOf(input.startDate, input.endDate);
    const entries = await this.keys.updates(key.county, from, to, NOT_UPDATES, OPEN311_MAX_RESULTS);
    const byId = new Map((await this.petitions.byIds([...new Set(entries.map((e) => e.petitionId))])).map((p) => [p.id, p]));
    const views = entries.flatMap((e): Open311UpdateView[] => {
      const p = byId.get(e.petitionId);
      // Only steps the tracking page shows (staff-only entries stay internal).
      const step = p ? publicView(p, [e]).steps[0] : undefined;
      if (!p || !step) return [];
      return [{ update_id: e.seq, service_request_id: p.trackingCode, status: statusOf(e.toState), updated_datetime: e.at.toISOString(), description: step.labelZh, media_url: null }];
    });
    return withinBudget(views);
  }

  private async keyOf(apiKey: string | null | undefined): Promise<ApiKeyRecord> {
    if (!apiKey) throw Open311Errors.apiKeyRequired();
    const k = await this.keys.keyByHash(hashApiKey(apiKey));
    if (!k || k.revokedAt) throw Open311Errors.apiKeyInvalid();
    return k;
  }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function keyView(k: ApiKeyRecord, key: string | null): ApiKeyView {
  return { id: k.id, county: k.county, label: k.label, key, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null };
}

function statusOf(state: PetitionState): 'open' | 'closed' {
  return OPEN311_OPEN_STATES.includes(state) ? 'open' : 'closed';
}

function serviceView(c: CategoryRecord): Open311ServiceView {
  return {
    service_code: c.key,
    service_name: c.nameZh,
    description: `${c.majorNameZh}·${c.nameZh}：办理时限 ${c.timeLimitDays} 日，${c.anonymousAllowed ? '可匿名反映' : '须留联系人'}`,
    metadata: true,
    type: 'realtime',
    keywords: [c.majorNameZh, c.nameZh].join(','),
    group: c.majorNameZh,
  };
}

/** The fields of a POST for this service (`attribute[code]`), and what the integrator should know. */
function definitionOf(c: CategoryRecord): Open311ServiceDefinitionView {
  const attributes: Open311AttributeView[] = [
    {
      variable: true,
      code: OPEN311_ATTRIBUTES.buildingQrToken,
      datatype: 'string',
      required: false,
      datatype_description: '楼栋二维码中的令牌',
      order: 1,
      description: '问题所在楼栋的二维码令牌（同 address_id）；不给时须给 lat 和 long',
      values: [],
    },
    {
      variable: true,
      code: OPEN311_ATTRIBUTES.anonymous,
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 2,
      description: c.anonymousAllowed ? '是否匿名反映：匿名时不保存联系人；不给时，未留联系人即为匿名' : '本事项须留联系人（last_name、first_name、phone），不可匿名',
      values: c.anonymousAllowed
        ? [
            { key: 'false', name: '留联系人' },
            { key: 'true', name: '匿名' },
          ]
        : [{ key: 'false', name: '留联系人' }],
    },
    {
      variable: true,
      code: OPEN311_ATTRIBUTES.title,
      datatype: 'string',
      required: false,
      datatype_description: `至多 ${OPEN311_TITLE_MAX} 字`,
      order: 3,
      description: '诉求标题；不给时取描述的第一句',
      values: [],
    },
    {
      variable: false,
      code: 'handling',
      datatype: 'text',
      required: false,
      datatype_description: null,
      order: 4,
      description: `默认由${LEVEL_NAMES_ZH[c.defaultLevel]}${c.defaultLevel === 'department' && c.defaultDepartment ? `（${c.defaultDepartment}）` : ''}办理，时限 ${c.timeLimitDays} 日`,
      values: [],
    },
  ];
  return { service_code: c.key, attributes };
}

/** `attribute[...]` of a POST: only this service's codes, each with a value it accepts. */
function parseAttributes(given: Record<string, string>): { qrToken: string | null; anonymous: boolean; title: string | null } {
  const known: readonly string[] = Object.values(OPEN311_ATTRIBUTES);
  for (const code of Object.keys(given)) if (!known.includes(code)) throw Open311Errors.unknownAttribute(code);
  const anonymous = given[OPEN311_ATTRIBUTES.anonymous]?.trim().toLowerCase();
  if (anonymous && !ANONYMOUS_VALUES.includes(anonymous)) throw Open311Errors.badAttribute(OPEN311_ATTRIBUTES.anonymous, 'true or false');
  const title = given[OPEN311_ATTRIBUTES.title]?.trim() || null;
  if (title && title.length > OPEN311_TITLE_MAX) throw Open311Errors.badAttribute(OPEN311_ATTRIBUTES.title, `at most ${OPEN311_TITLE_MAX} characters`);
  return { qrToken: given[OPEN311_ATTRIBUTES.buildingQrToken]?.trim() || null, anonymous: anonymous === 'true', title };
}

/** first_name/last_name/phone as the petition's contact (family name first, as Chinese names are written); none at all is no contact. */
function contactOf(input: Open311SubmitInput): ContactInput | null {
  const name = `${input.lastName ?? ''}${input.firstName ?? ''}`.trim();
  const phone = input.phone?.trim() ?? '';
  if (!name && !phone) return null;
  if (!name || !phone) throw Open311Errors.contactIncomplete();
  const parsed = ContactInput.safeParse({ name, phone });
  if (!parsed.success) throw Open311Errors.badContact(parsed.error.issues.map((i) => ({ path: i.path[0] === 'name' ? 'lastName' : 'phone', message: i.message })));
  return parsed.data;
}

/** The window of a query: both ends given (at most OPEN311_WINDOW_DAYS apart), or OPEN311_WINDOW_DAYS from the one given, or up to now. */
export function windowOf(start: string | null | undefined, end: string | null | undefined, now = new Date()): { from: Date; to: Date } {
  const span = OPEN311_WINDOW_DAYS * DAY_MS;
  const from = start ? new Date(start) : null;
  const to = end ? new Date(end) : null;
  if (from && to) {
    if (to < from) throw Open311Errors.windowReversed();
    if (to.getTime() - from.getTime() > span) throw Open311Errors.windowTooLong();
    return { from, to };
  }
  if (from) return { from, to: new Date(from.getTime() + span) };
  const until = to ?? now;
  return { from: new Date(until.getTime() - span), to: until };
}

function serviceNotice(p: PetitionRecord): string {
  const days = Math.round((p.deadline.getTime() - p.createdAt.getTime()) / DAY_MS);
  return `已受理，承诺 ${days} 日内办结`;
}

function requestView(p: PetitionRecord, timeline: readonly TimelineRecord[]): Open311RequestView {
  const pub = publicView(p, timeline);
  const last = pub.steps.at(-1);
  return {
    service_request_id: p.trackingCode,
    status: statusOf(p.state),
    status_notes: last ? (WITH_RESULT.includes(p.state) && p.result ? `${last.labelZh}：${p.result}` : last.labelZh) : null,
    service_name: p.categoryNameZh,
    service_code: p.categoryKey,
    description: p.description,
    agency_responsible: pub.handlerName,
    service_notice: serviceNotice(p),
    requested_datetime: p.createdAt.toISOString(),
    updated_datetime: p.updatedAt.toISOString(),
    expected_datetime: pub.deadline,
    address: p.buildingName,
    // The building register is our master address repository; the QR token is a credential and never leaves.
    address_id: p.buildingId,
    zipcode: null,
    lat: p.lat,
    long: p.lng,
    media_url: null,
  };
}

function groupByPetition(entries: readonly TimelineRecord[]): Map<string, TimelineRecord[]> {
  const out = new Map<string, TimelineRecord[]>();
  for (const e of entries) {
    const list = out.get(e.petitionId);
    if (list) list.push(e);
    else out.set(e.petitionId, [e]);
  }
  return out;
}

/** The leading items whose JSON fits REPLY_BUDGET_BYTES. */
function withinBudget<T>(items: readonly T[]): T[] {
  let bytes = 0;
  const out: T[] = [];
  for (const item of items) {
    bytes += Buffer.byteLength(JSON.stringify(item));
    if (bytes > REPLY_BUDGET_BYTES) break;
    out.push(item);
  }
  return out;
}
