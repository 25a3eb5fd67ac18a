import { z } from 'zod';

/**
 * One published event type: what a service promises integrators (the 12345 hotline, the city's
 * one-stop platform, dashboards) and other services about an event. A service's contracts list
 * its events as `EventContract`s; the outbox checks every event's `data` against `schema` in the
 * writer's transaction, and the event catalogue (docs/asyncapi.yaml, docs/events/) is generated
 * from the same entries, so what is documented is what is sent.
 *
 * Changing `schema` incompatibly (removing or retyping a field, making a field optional) is a new
 * event type: add `xxxV2` with `version: 2` beside the old entry, publish both for a while.
 */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  readonly aggregate: string;
  readonly event: string;
  /** The `.vN` of the type: the version of this schema, not of the aggregate. */
  readonly version: number;
  /** What happened, in one sentence, for the catalogue. */
  readonly summary: string;
  /** The event's `data`. */
  readonly schema: S;
}

/** The JSON Schema keyword that marks a field holding personal data (see `personalData`). */
export const PERSONAL_DATA_KEYWORD = 'x-personal-data';

/**
 * What the public stream and webhooks do with a personal-data field: `drop` removes it, `mask`
 * replaces it with its masked form (a phone 138****5678, a name 张*).
 */
export type PersonalDataTreatment = 'drop' | 'mask';

/**
 * Marks a field of an event's data as personal data (a name, phone, ID number, precise location).
 * Internal consumers receive it; the integrators' stream and webhooks never do (ADR 0012).
 */
export function personalData<S extends z.ZodType>(schema: S, treatment: PersonalDataTreatment = 'drop'): S {
  return schema.meta({ [PERSONAL_DATA_KEYWORD]: treatment }) as S;
}

/** Keeps each entry's own schema type while checking it is an EventContract. */
export function defineEvents<T extends Record<string, EventContract>>(events: T): T {
  return events;
}

/** A personal-data field of an event's data: `a.b`, `list[].c` (each element), `map{}.d` (each value). */
export interface PersonalField {
  path: string;
  treatment: PersonalDataTreatment;
}

/** The personal-data fields a JSON Schema marks (the catalogue's files carry the marks). */
export function personalFieldsOfJsonSchema(schema: unknown): PersonalField[] {
  const found = new Map<string, PersonalField>();
  const visit = (s: unknown, path: string) => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    const mark = o[PERSONAL_DATA_KEYWORD];
    if (mark === 'drop' || mark === 'mask') {
      found.set(path, { path, treatment: mark });
      return;
    }
    for (const k of ['anyOf', 'oneOf', 'allOf']) for (const alt of (o[k] as unknown[] | undefined) ?? []) visit(alt, path);
    for (const [k, v] of Object.entries((o.properties as Record<string, unknown> | undefined) ?? {})) visit(v, path ? `${path}.${k}` : k);
    if (o.items) visit(o.items, `${path}[]`);
    if (o.additionalProperties && typeof o.additionalProperties === 'object') visit(o.additionalProperties, `${path}{}`);
  };
  visit(schema, '');
  return [...found.values()];
}

/** The personal-data fields of an event contract's schema. */
export function personalFieldsOf(schema: z.ZodType): PersonalField[] {
  return personalFieldsOfJsonSchema(z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }));
}

/**
 * An event's data as integrators may see it: every personal-data field dropped or masked. A copy;
 * the internal event is untouched.
 */
export function withoutPersonalData<T>(data: T, fields: readonly PersonalField[]): T {
  const copy = structuredClone(data) as unknown;
  for (const f of fields) apply(copy, f.path.split(/(?<=\])\.|\.|(?=\[\])|(?=\{\})/).filter(Boolean), f.treatment);
  return copy as T;
}

function apply(node: unknown, steps: string[], treatment: PersonalDataTreatment): void {
  if (node === null || typeof node !== 'object' || steps.length === 0) return;
  const [step, ...rest] = steps as [string, ...string[]];
  if (step === '[]' || step === '{}') {
    const children = Array.isArray(node) ? node : Object.values(node);
    if (rest.length) for (const c of children) apply(c, rest, treatment);
    return;
  }
  const o = node as Record<string, unknown>;
  if (!(step in o)) return;
  if (rest.length) return apply(o[step], rest, treatment);
  if (treatment === 'mask' && typeof o[step] === 'string') o[step] = maskText(o[step] as string);
  else if (o[step] !== null) delete o[step];
}

/** 张三丰 → 张**, 13812345678 → 138****5678: enough to recognise, not to identify. */
export function maskText(value: string): string {
  const chars = [...value];
  if (/^\+?\d{7,}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
