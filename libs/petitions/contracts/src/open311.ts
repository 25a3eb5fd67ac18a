/**
 * The Open311 GeoReport v2 facade (served by the gateway under /open311/v2/): integrators'
 * API keys and the shapes the gateway turns into the specification's JSON and XML. Views use the
 * specification's field names (snake_case) so the gateway writes them out unchanged.
 */
import { idSchema as id } from '@gov/kernel';
import { z } from 'zod';
import type { PetitionState } from './petition.js';

/** GET requests and servicerequestupdates look back at most this far (the specification's default window). */
export const OPEN311_WINDOW_DAYS = 90;
/** Most requests (or updates) one answer holds, as the specification allows. */
export const OPEN311_MAX_RESULTS = 1000;

/**
 * Petition states an integrator sees as `open`. A merged petition is still being handled (with its
 * cluster); a resolved one (办结) is `closed` although the resident's rating may still reopen it,
 * which then shows as `open` again.
 */
export const OPEN311_OPEN_STATES: readonly PetitionState[] = ['submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'merged'];

/** Codes of the attributes every service definition lists (`attribute[code]` in a POST). */
export const OPEN311_ATTRIBUTES = {
  /** The token printed in a building's QR code; the same as `address_id`. */
  buildingQrToken: 'building_qr_token',
  /** `true` files the request without a contact, where the category allows it. */
  anonymous: 'anonymous',
  /** A short title; by default the first sentence of the description. */
  title: 'title',
} as const;
export const OPEN311_TITLE_MAX = 60;

const apiKey = z.string().trim().min(10).max(100);
const dateTime = z.iso.datetime({ offset: true });

export const IssueApiKeyInput = z.object({
  /** The county the key answers for, e.g. jingmen/dongbao. */
  county: z.string().trim().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be a county path like jingmen/dongbao'),
  /** Who holds the key, e.g. 12345 热线平台. */
  label: z.string().trim().min(1).max(100),
});
export const RevokeApiKeyInput = z.object({ id });
/** The keys of every county the caller administers. */
export const ListApiKeysInput = z.object({});
/** Every Open311 call carries the key; the service resolves it to its county. */
export const Open311KeyInput = z.object({ apiKey: apiKey.nullish() });
/** The service list, or one service with its definition. A key, when given, must be valid. */
export const Open311ServicesInput = Open311KeyInput.extend({ serviceCode: z.string().trim().min(1).max(64).nullish() });

export const Open311SubmitInput = z.object({
  apiKey,
  serviceCode: z.string().trim().min(1).max(64),
  lat: z.number().min(-90).max(90).nullish(),
  long: z.number().min(-180).max(180).nullish(),
  /** A building QR token (our master address repository is the building register). */
  addressId: z.string().trim().max(120).nullish(),
  description: z.string().trim().min(1).max(2000),
  firstName: z.string().trim().max(30).nullish(),
  lastName: z.string().trim().max(30).nullish(),
  phone: z.string().trim().max(20).nullish(),
  mediaUrl: z.url({ protocol: /^https?$/ }).trim().max(500).nullish(),
  attributes: z.record(z.string().max(64), z.string().max(200)).default({}),
});
/** Without a key the service answers API_KEY_INVALID: every answer is about the key's county only. */
export const Open311QueryInput = z.object({
  apiKey: apiKey.nullish(),
  /** Tracking codes; when given, the other filters are ignored (as the specification says). */
  ids: z.array(z.string().trim().max(40)).max(OPEN311_MAX_RESULTS).nullish(),
  serviceCode: z.string().trim().max(64).nullish(),
  startDate: dateTime.nullish(),
  endDate: dateTime.nullish(),
  status: z.enum(['open', 'closed']).nullish(),
});
/** Updates of service requests since a time (servicerequestupdates extension). */
export const Open311UpdatesInput = z.object({
  apiKey: apiKey.nullish(),
  startDate: dateTime.nullish(),
  endDate: dateTime.nullish(),
});
export type Open311SubmitInput = z.output<typeof Open311SubmitInput>;
export type Open311QueryInput = z.output<typeof Open311QueryInput>;
export type Open311UpdatesInput = z.output<typeof Open311UpdatesInput>;

export interface ApiKeyView {
  id: string;
  county: string;
  label: string;
  /** Only when issued; stored as a hash. */
  key: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface Open311ServiceView {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export const OPEN311_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;

/** One field of a service definition. */
export interface Open311AttributeView {
  /** false: information shown to the user, not a field to fill in. */
  variable: boolean;
  code: string;
  datatype: (typeof OPEN311_DATATYPES)[number];
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  /** The choices of a list datatype (empty otherwise). */
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinitionView {
  service_code: string;
  attributes: Open311AttributeView[];
}

/** The answer of open311Services: every service, or the one asked for with its definition. */
export interface Open311ServicesView {
  services: Open311ServiceView[];
  definition: Open311ServiceDefinitionView | null;
}

/** The answer to POST requests: we give the service_request_id at once, never a token. */
export interface Open311SubmittedView {
  service_request_id: string;
  service_notice: string | null;
  account_id: null;
  token: null;
}

export interface Open311RequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311UpdateView {
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url: string | null;
}
