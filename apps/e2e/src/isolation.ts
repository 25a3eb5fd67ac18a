/**
 * The machinery of the county-isolation sweep (isolation.e2e.spec.ts): which operations of the
 * gateway schema take an object id, a region or a grid, what to pass for each argument, and a
 * selection set that asks for every field, nested objects included.
 *
 * Arguments are classified by name and type, never by a hand-written list of operations:
 * - a region: a String argument or input field named like `region`, `grid`, `community` or `county`;
 * - an object reference: an `ID` (or `[ID]`), or anything named `id`, `ids`, `…Id`, `…Ids`.
 *   `personId` refers to a person, `unitId` to a unit, `reportsToId` to `reportsTo` and so on;
 *   a plain `id` refers to what the operation returns (`steward(id)` → steward);
 * - everything else gets a valid sample value (SAMPLES below, else one by type).
 * A reference kind the spec has no fixture for fails the sweep, so a new operation is covered the
 * moment it appears — or the sweep says which fixture to add.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { idCard } from './harness.js';

export type Kind = { type: 'ref'; of: string } | { type: 'region'; of: RegionKind };
export type RegionKind = 'region' | 'grid' | 'community' | 'county';

/** One argument (or input field, `input.personId`) the sweep puts B's objects into. */
export interface Target {
  path: string[];
  kind: Kind;
}

export interface Operation {
  root: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
  /** What `id` means here: the operation's return type, e.g. `steward`. */
  returns: string;
  targets: Target[];
  /** Root Boolean arguments: every combination is swept (`person(unmask: true)` reads differently). */
  booleans: string[];
  document: string;
}

/** The caller's own (county A's) values, for every argument the sweep does not put B's object into. */
export interface Values {
  /** A's object or region for a kind (`a.person`, A's grid); `returns` is the operation's return type. */
  a(kind: Kind, returns: string): string;
}

let serial = 0;
/** Valid values for scalar arguments, by name; unique where the service wants them unique. */
export const SAMPLES: Record<string, (index?: number) => unknown> = {
  first: () => 5,
  class: () => 3,
  building: () => '9',
  // Digits only: valid as a unit code (capitals and digits) and as a region code (lowercase and digits).
  code: () => String(700000 + ++serial),
  name: () => `东宝样例${++serial}`,
  phone: () => `1390000${String(++serial).padStart(4, '0')}`,
  idCardNumber: () => idCard(700 + ++serial),
  username: () => `db-sample-${++serial}`,
  password: () => 'sample-pass-2026',
  // A role a county admin may hand out, and a sentinel (who reports to a group leader).
  role: () => 'grid_worker',
  sentinelRole: () => 'sentinel',
  // Grids: a point and an area inside county A's sample grid (isolation.e2e.spec.ts builds it), a household number, a relation.
  lat: () => 31.031,
  lng: () => 112.186,
  shape: () => ({ type: 'Polygon', coordinates: [[[112.181, 31.021], [112.189, 31.021], [112.189, 31.029], [112.181, 31.029], [112.181, 31.021]]] }),
  layerKey: () => 'comprehensive',
  number: () => `9-${100 + ++serial}`,
  relation: () => 'other',
  // tasks: a deadline ahead, periods, stars, a unique request key, a quantity.
  deadline: () => new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  period: () => '2026-12',
  month: () => '2026-12',
  quarter: () => '2026-Q4',
  'excellentStewards:year': () => '2026',
  'dutySummary:year': () => 2026,
  stars: () => 5,
  quantity: () => 1,
  requestKey: () => `sweep-key-${++serial}`,
  winners: () => 1,
  capacity: () => 5,
  reason: () => '样例原因说明',
  // The map is searched near a point (lat/lng above); a box of samples would be empty.
  'task:bbox': () => undefined,
  // Names shared by several inputs: the operation's return type picks the sample (`place:kind`).
  'place:kind': () => 'office',
  // A party organisation that fits A's building (isolation.e2e.spec.ts builds its chain).
  'partyOrg:kind': () => 'building_group',
  'layerGrid:layerKey': () => 'police',
  // Region writes get a shape, not a point (a grid or compound with a point is refused).
  'region:location': () => undefined,
  // petitions: a hotline call typed in by staff (a QR submission needs a building's token), a real minor category.
  'submittedPetition:channel': () => 'hotline',
  'submittedPetition:category': () => 'municipal.streetlight',
  // Assigned to a department (A's department, A's county): the one level that takes a department.
  'petition:level': () => 'department',
  // A signed-in submitter rates by id; the tracking code and key are for residents without an account.
  'publicPetition:trackingCode': () => undefined,
  'publicPetition:submitterKey': () => undefined,
  'publicPetition:rating': () => 5,
  // Statistics over the last month; proposals that open tomorrow and close in a week; one answer.
  from: () => new Date(Date.now() - 30 * 24 * 3600_000).toISOString(),
  to: () => new Date().toISOString(),
  discussionEndsAt: () => new Date(Date.now() + 24 * 3600_000).toISOString(),
  votingEndsAt: () => new Date(Date.now() + 8 * 24 * 3600_000).toISOString(),
  answers: () => 0,
  label: () => '样例对接平台',
  // mediation: a case of two parties, sessions and meetings ahead, dates (not instants) for agreements, follow-ups and statistics.
  // Printed schemas sort enum values: name the kinds the fixtures have (a case from A's petition, an agenda item from it).
  'mediationCase:source': () => 'petition',
  'meetingAgendaItem:source': () => 'petition',
  'mediationCase:role': (i = 0) => (i === 0 ? 'applicant' : 'respondent'),
  amountFen: () => 260000,
  startsAt: () => new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
  'mediationSession:place': () => '东宝调解室',
  dueOn: () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10),
  performanceDeadline: () => new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10),
  'mediationStats:from': () => new Date(Date.now() - 365 * 24 * 3600_000).toISOString().slice(0, 10),
  'mediationStats:to': () => new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10),
  // A county's one-stop centre: the organisation kind a county path takes.
  'mediationOrganisation:kind': () => 'county_centre',
  // integrations: a webhook to an https receiver, for a catalogued event type (wrapped into a list).
  url: () => 'https://hooks.example.cn/sweep',
  eventTypes: () => 'gov.integrations.*',
};

/** Lists of input objects given more than one element, by `<return type>:<argument>` (a case has two parties). */
const LIST_LENGTHS: Record<string, number> = { 'mediationCase:parties': 2 };

/** Region arguments by name (the first match wins). */
const REGION_NAMES: [RegExp, RegionKind][] = [
  [/grid/i, 'grid'],
  [/community/i, 'community'],
  [/county/i, 'county'],
  [/region/i, 'region'],
];

/**
 * Arguments that name an object without being an id, by `<return type>:<argument>`: a
 * redemption's code is how a merchant finds it, so another county's code must be refused like an id.
 */
const REFERENCES: Record<string, string> = { 'redemption:code': 'redemptionCode' };

/** Classifies an argument or input field by its name and type. */
export function classify(name: string, type: GraphQLInputType, returns: string): Kind | null {
  const named = getNamedType(type);
  const ref = REFERENCES[`${returns}:${name}`];
  if (ref) return { type: 'ref', of: ref };
  if (named.name === 'String') {
    const region = REGION_NAMES.find(([pattern]) => pattern.test(name));
    if (region) return { type: 'region', of: region[1] };
  }
  if (named.name === 'ID' || /^ids?$/.test(name) || /[a-z]Ids?$/.test(name)) {
    if (/^ids?$/.test(name)) return { type: 'ref', of: returns };
    return { type: 'ref', of: name.replace(/Ids?$/, '') };
  }
  return null;
}

/**
 * Every query and mutation of the schema with its sweep targets and a document selecting every field.
 * Subscriptions are exempt here (they need a WebSocket and push later): subscriptions.e2e.spec.ts
 * sweeps every subscription field the same way and fails when one is added without a case.
 */
export function operations(schema: GraphQLSchema): Operation[] {
  const out: Operation[] = [];
  for (const [root, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const returns = lowerFirst(getNamedType(field.type).name);
      const targets: Target[] = [];
      for (const arg of field.args) collectTargets(arg.name, arg.type, [arg.name], returns, targets, 0);
      const booleans = field.args.filter((a) => getNamedType(a.type).name === 'Boolean').map((a) => a.name);
      // Every argument is a variable, `first` too: the gateway's cost estimate reads its value (5, from SAMPLES).
      const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const document = `${root} Sweep${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(schema, field.type)} }`;
      out.push({ root, name: field.name, field, returns, targets, booleans, document });
    }
  }
  return out;
}

function collectTargets(name: string, type: GraphQLInputType, path: string[], returns: string, into: Target[], depth: number): void {
  const kind = classify(name, type, returns);
  if (kind) {
    into.push({ path, kind });
    return;
  }
  const named = getNamedType(type);
  if (isInputObjectType(named) && depth < 4) {
    for (const f of Object.values(named.getFields())) collectTargets(f.name, f.type, [...path, f.name], returns, into, depth + 1);
  }
}

/**
 * Variables for one call: A's values everywhere, `override` at one path. Optional scalars without
 * a sample are left out; optional references and regions are filled (with A's), so that each one
 * is exercised and the call is otherwise valid.
 */
export function variables(op: Operation, values: Values, override?: { path: string[]; value: string }, booleans: Record<string, boolean> = {}): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const arg of op.field.args) {
    if (arg.name in booleans) {
      vars[arg.name] = booleans[arg.name];
      continue;
    }
    const v = valueFor(arg.name, arg.type, [arg.name], op.returns, values, override);
    if (v !== undefined) vars[arg.name] = v;
  }
  return vars;
}

function valueFor(
  name: string,
  type: GraphQLInputType,
  path: string[],
  returns: string,
  values: Values,
  override: { path: string[]; value: string } | undefined,
  index = 0,
): unknown {
  const required = isNonNullType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  const kind = classify(name, type, returns);
  if (kind) {
    const v = override && samePath(override.path, path) ? override.value : values.a(kind, returns);
    return list ? [v] : v;
  }
  const named = getNamedType(type);
  const sample = SAMPLES[`${returns}:${name}`] ?? SAMPLES[name];
  if (isInputObjectType(named) && !sample) {
    const build = (i: number) => {
      const obj: Record<string, unknown> = {};
      for (const f of Object.values(named.getFields())) {
        const v = valueFor(f.name, f.type, [...path, f.name], returns, values, override, i);
        if (v !== undefined) obj[f.name] = v;
      }
      return obj;
    };
    const first = build(index);
    if (!required && Object.keys(first).length === 0) return undefined;
    if (!list) return first;
    return [first, ...Array.from({ length: (LIST_LENGTHS[`${returns}:${name}`] ?? 1) - 1 }, (_, i) => build(i + 1))];
  }
  let v: unknown;
  if (sample) {
    v = sample(index);
    // A sample that gives nothing leaves the argument out (`region:location`).
    if (v === undefined) return undefined;
  } else if (!required) return undefined;
  else if (isEnumType(named)) v = named.getValues()[0]!.value;
  else v = scalarSample(named);
  return list ? [v] : v;
}

function scalarSample(t: GraphQLNamedType): unknown {
  if (!isScalarType(t)) throw new Error(`no sample for ${t.name}`);
  switch (t.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return true;
    default:
      return 'sample';
  }
}

/**
 * Every field of the type: scalars, and nested objects (person, unit, reportsTo, card …) with
 * theirs. A type is entered at most twice on one path (a steward's reportsTo is expanded, its
 * reportsTo's reportsTo is not), which keeps the query inside the gateway's depth and cost limits.
 */
export function selection(schema: GraphQLSchema, type: GraphQLOutputType, trail: string[] = []): string {
  const named = getNamedType(type);
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = schema.getPossibleTypes(named);
    return `{ __typename ${possible.map((t) => `... on ${t.name} ${selection(schema, t, trail)}`).join(' ')} }`;
  }
  if (!isObjectType(named)) return '';
  const t: GraphQLObjectType = named;
  const here = [...trail, t.name];
  const parts: string[] = [];
  for (const f of Object.values(t.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(f.type);
    if (isObjectType(inner) || isUnionType(inner) || isInterfaceType(inner)) {
      if (here.filter((n) => n === inner.name).length >= 2) continue;
      parts.push(`${f.name} ${selection(schema, f.type, here)}`);
    } else {
      parts.push(f.name);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** Every combination of true/false for the named arguments ([{}] when there are none). */
export function booleanCombinations(names: string[]): Record<string, boolean>[] {
  return names.reduce<Record<string, boolean>[]>((acc, n) => acc.flatMap((c) => [{ ...c, [n]: false }, { ...c, [n]: true }]), [{}]);
}

const samePath = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
