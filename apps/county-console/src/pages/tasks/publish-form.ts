/**
 * The 发布任务 form as pure functions: what the user typed (strings) → the gateway's PublishTaskInput,
 * or a message per field. The rules mirror the tasks service's (contracts/inputs.ts and the points
 * ranges of domain/points-rules.ts) so most mistakes are caught before a round trip; the server still
 * decides, and its VALIDATION refusals are mapped back onto the same fields (serverFieldErrors).
 */
import type { ApiError } from '../../api/client.js';
import type { EmergencyType, PublishTaskInput, TaskKind } from '../../api/schema-types.js';
import { CST_OFFSET } from '../../shell/format.js';

/** Kinds the console publishes; micro-wishes are posted by residents (postMicroWish). */
export type PublishKind = Exclude<TaskKind, 'micro_wish'>;
export const PUBLISH_KINDS: readonly PublishKind[] = ['dispatched', 'emergency', 'annual_duty'];

/** Points a kind may be worth (the tasks service's POINTS_RANGE). */
export const POINTS_RANGE: Record<PublishKind, { min: number; max: number }> = {
  annual_duty: { min: 1, max: 20 },
  dispatched: { min: 5, max: 20 },
  emergency: { min: 5, max: 40 },
};

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const CAPACITY_MAX = 1000;
export const STEWARD_CLASSES = [1, 2, 3, 4, 5, 6] as const;
/** Without a place, check-ins count within this many metres (the tasks service's default). */
export const DEFAULT_CHECKIN_RADIUS_M = 50;

const REGION_SEGMENT = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_REGION_DEPTH = 8;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export interface PublishDraft {
  title: string;
  description: string;
  kind: PublishKind;
  emergencyType: EmergencyType | '';
  points: string;
  capacity: string;
  /** `<input type="datetime-local">` value, e.g. 2026-05-01T18:00. */
  deadline: string;
  lat: string;
  lng: string;
  region: string;
  placeId: string;
  requiredClasses: number[];
}

export type PublishField = keyof PublishDraft;
export type FieldErrors = Partial<Record<PublishField, string>>;

export function emptyDraft(region = ''): PublishDraft {
  return { title: '', description: '', kind: 'dispatched', emergencyType: '', points: '10', capacity: '1', deadline: '', lat: '', lng: '', region, placeId: '', requiredClasses: [] };
}

/** `2026-05-01T18:00` (China time: the console's users and deadlines are in China) → `2026-05-01T18:00:00+08:00`; null when it is not a date and time. */
export function deadlineIso(local: string): string | null {
  if (!LOCAL_DATE_TIME.test(local)) return null;
  const iso = `${local.length === 16 ? `${local}:00` : local}${CST_OFFSET}`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

export function isRegionPath(path: string): boolean {
  const parts = path.split('/');
  return path.length <= 200 && parts.length <= MAX_REGION_DEPTH && parts.every((s) => REGION_SEGMENT.test(s));
}

function integer(text: string): number | null {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

function decimal(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export interface PublishCheck {
  errors: FieldErrors;
  /** The mutation's input when there is no error. */
  input: PublishTaskInput | null;
}

/**
 * Checks a draft. `mayPublish(region, kind)` says whether the user's roles allow publishing there
 * (emergencies need a grid worker or an admin); without it the region is only checked for form.
 */
export function validatePublish(draft: PublishDraft, now: Date, mayPublish?: (region: string, kind: PublishKind) => boolean): PublishCheck {
  const errors: FieldErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = '请填写任务标题';
  else if (title.length > TITLE_MAX) errors.title = `标题不超过 ${TITLE_MAX} 个字`;

  const description = draft.description.trim();
  if (description.length > DESCRIPTION_MAX) errors.description = `说明不超过 ${DESCRIPTION_MAX} 个字`;

  if (!PUBLISH_KINDS.includes(draft.kind)) errors.kind = '请选择任务类型';
  if (draft.kind === 'emergency' && !draft.emergencyType) errors.emergencyType = '应急任务须选择应急类型';

  const points = integer(draft.points);
  const range = POINTS_RANGE[draft.kind] ?? POINTS_RANGE.dispatched;
  if (points === null) errors.points = '积分须为整数';
  else if (points < range.min || points > range.max) errors.points = `该类任务积分须在 ${range.min}–${range.max} 之间`;

  const capacity = integer(draft.capacity);
  if (capacity === null) errors.capacity = '人数须为整数';
  else if (capacity < 1 || capacity > CAPACITY_MAX) errors.capacity = `人数须在 1–${CAPACITY_MAX} 之间`;

  const deadline = deadlineIso(draft.deadline);
  if (!draft.deadline) errors.deadline = '请填写截止时间';
  else if (!deadline) errors.deadline = '截止时间格式不正确';
  else if (new Date(deadline).getTime() <= now.getTime()) errors.deadline = '截止时间须晚于现在';

  const lat = decimal(draft.lat);
  if (lat === null) errors.lat = '请填写纬度';
  else if (lat < -90 || lat > 90) errors.lat = '纬度须在 -90 到 90 之间';
  const lng = decimal(draft.lng);
  if (lng === null) errors.lng = '请填写经度';
  else if (lng < -180 || lng > 180) errors.lng = '经度须在 -180 到 180 之间';

  const region = draft.region.trim();
  if (!region) errors.region = '请填写任务所在区域';
  else if (!isRegionPath(region)) errors.region = '区域路径格式不正确（如 jingmen/dongbao/longquan）';
  else if (mayPublish && !mayPublish(region, draft.kind)) errors.region = draft.kind === 'emergency' ? '您在此区域不能发布应急任务（须网格员或管理员）' : '此区域不在您可发布任务的辖区内';

  if (draft.requiredClasses.some((c) => !(STEWARD_CLASSES as readonly number[]).includes(c))) errors.requiredClasses = '号段须为 1–6';

  if (Object.keys(errors).length > 0) return { errors, input: null };
  return {
    errors,
    input: {
      title,
      description: description || null,
      kind: draft.kind,
      emergencyType: draft.kind === 'emergency' ? (draft.emergencyType as EmergencyType) : null,
      points: points!,
      capacity: capacity!,
      deadline: deadline!,
      location: { lat: lat!, lng: lng! },
      region,
      placeId: draft.placeId.trim() || null,
      requiredClasses: [...new Set(draft.requiredClasses)].sort((a, b) => a - b),
    },
  };
}

/** The input's paths (`location.lat`, `requiredClasses.2`, `input.title`) → the form's fields. */
function fieldOf(path: string): PublishField | null {
  const parts = path.split('.').filter((p) => p !== 'input');
  const [head, next] = parts;
  if (head === 'location') return next === 'lng' ? 'lng' : 'lat';
  const known: readonly PublishField[] = ['title', 'description', 'kind', 'emergencyType', 'points', 'capacity', 'deadline', 'region', 'placeId', 'requiredClasses'];
  return (known as readonly string[]).includes(head ?? '') ? (head as PublishField) : null;
}

/** Chinese for the refusals users meet most, by the gateway's reason. */
const REASON_TEXT: Record<string, string> = {
  POINTS_OUT_OF_RANGE: '积分超出该类任务的范围',
  DEADLINE_PASSED: '截止时间须晚于现在',
};

/**
 * A VALIDATION refusal as messages per field, from the fields the gateway lists (`extensions.fields`,
 * ApiError.fields). What maps onto no field — or a refusal that names none — is left to the form's
 * general error notice.
 */
export function serverFieldErrors(error: ApiError | undefined): FieldErrors {
  if (!error || error.code !== 'VALIDATION') return {};
  const out: FieldErrors = {};
  for (const f of error.fields ?? []) {
    const field = fieldOf(f.path);
    if (!field || out[field]) continue;
    out[field] = (error.reason && REASON_TEXT[error.reason]) || f.message;
  }
  return out;
}
