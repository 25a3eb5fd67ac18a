// The event catalogue: every event type the services publish, built from their contracts
// (libs/<service>/contracts/src/events.ts, `EventContract`s). From it come the files integrators
// read (docs/events/<type>.json, docs/asyncapi.yaml, docs/events/index.html; tools/events/generate.mjs
// writes them) and the check that a published type never changes incompatibly (catalogue.spec.ts).
import { PERSONAL_DATA_KEYWORD, personalFieldsOfJsonSchema } from '@gov/kernel';
import { z } from 'zod';

/** The CloudEvents attributes every event carries as NATS headers (libs/platform/messaging cloudevents.ts). */
export const CLOUDEVENTS_HEADERS = {
  'ce-specversion': 'Always "1.0".',
  'ce-id': 'The event id (a UUID); equals Nats-Msg-Id, so a republished event is dropped by JetStream. Deduplicate on it.',
  'ce-type': 'gov.<service>.<aggregate>.<event>.v<N>: the entry of this catalogue.',
  'ce-source': '/gov/<service>/<aggregate>/<id>: the object the event is about.',
  'ce-subject': 'The id of that object.',
  'ce-time': 'When the change committed (ISO 8601).',
  'ce-county': 'The county token of the object (e.g. dongbao); the second token of the subject.',
  'ce-correlationid': 'The request that caused the change (optional).',
  'ce-aggregateversion': "The object's version after the change: 1, 2, 3… per object in commit order; ignore an event older than what you hold.",
};
const REQUIRED_HEADERS = ['ce-specversion', 'ce-id', 'ce-type', 'ce-source', 'ce-subject', 'ce-time', 'ce-county'];

const typeOf = (service, c) => `gov.${service}.${c.aggregate}.${c.event}.v${c.version}`;

/**
 * The catalogue of the given services' contracts: `{ entries, problems }`. An entry without a
 * version, summary or zod schema is a problem (it cannot be documented or checked), as is a schema
 * that JSON Schema cannot express.
 */
export function buildCatalogue(contractsByService) {
  const entries = [];
  const problems = [];
  for (const [service, contracts] of Object.entries(contractsByService)) {
    for (const [key, c] of Object.entries(contracts)) {
      const where = `${service}: ${key}`;
      if (!Number.isInteger(c.version)) problems.push(`${where} has no version`);
      if (typeof c.summary !== 'string' || !c.summary.trim()) problems.push(`${where} has no summary`);
      if (!c.schema || typeof c.schema.safeParse !== 'function') {
        problems.push(`${where} has no zod schema for its data`);
        continue;
      }
      let schema;
      try {
        schema = jsonSchemaOf(c.schema);
      } catch (err) {
        problems.push(`${where}: its schema cannot be written as JSON Schema (${err.message})`);
        continue;
      }
      const type = typeOf(service, { ...c, version: c.version ?? 1 });
      entries.push({
        type,
        service,
        key,
        aggregate: c.aggregate,
        event: c.event,
        version: c.version,
        summary: c.summary,
        /** Where integrators read it (GOV_PUBLIC, personal data removed); internal services read evt.… on GOV_EVENTS. */
        subject: `pub.{county}.${service}.${c.aggregate}.${c.event}.v${c.version}`,
        internalSubject: `evt.{county}.${service}.${c.aggregate}.${c.event}.v${c.version}`,
        personalData: personalFieldsOfJsonSchema(schema),
        schema,
      });
    }
  }
  const seen = new Set();
  for (const e of entries) {
    if (seen.has(e.type)) problems.push(`${e.type} is declared twice`);
    seen.add(e.type);
  }
  entries.sort((a, b) => a.type.localeCompare(b.type));
  return { entries, problems };
}

/** A copy of `object` without `key`. */
export function omit(object, key) {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Draft-07 JSON Schema of an event's data (AsyncAPI 3's default schema format is a superset of it). */
export function jsonSchemaOf(zodSchema) {
  return omit(z.toJSONSchema(zodSchema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' }), '$schema');
}

// ---------------------------------------------------------------------------------------------
// Compatibility: what a consumer written against the committed schema may rely on.

/**
 * Why `next` would break a consumer of `prev` (an empty list when it would not). A consumer relies
 * on every field it was promised being there with the type it was promised: removing a property,
 * changing its type or its allowed values, making a required property optional or nullable, or
 * narrowing what a map holds breaks it. Adding an optional or required property does not, nor does
 * adding a value a consumer never saw… except to an enum, which a consumer may switch over: that
 * is reported too, since a strict consumer fails on the new value.
 */
export function breakingChanges(prev, next, path = '(data)') {
  if (JSON.stringify(strip(prev)) === JSON.stringify(strip(next))) return [];
  const pv = variants(prev);
  const nv = variants(next);
  const kinds = (vs) => [...new Set(vs.map((v) => v.type ?? 'any'))].sort().join('|');
  if (kinds(pv) !== kinds(nv)) return [`${path}: type ${kinds(pv)} became ${kinds(nv)}`];
  const out = [];
  for (const p of pv) {
    const n = nv.find((v) => (v.type ?? 'any') === (p.type ?? 'any'));
    if (p.type === 'object') out.push(...objectChanges(p, n, path));
    else if (p.type === 'array') out.push(...breakingChanges(p.items ?? {}, n.items ?? {}, `${path}[]`));
    else if (p.type !== 'null') out.push(...scalarChanges(p, n, path));
  }
  return out;
}

/** A schema as the list of its alternatives, one type each (`type: [string, null]` and anyOf alike). */
function variants(s) {
  if (!s || typeof s !== 'object') return [{}];
  if (s.anyOf) return s.anyOf.flatMap(variants);
  if (Array.isArray(s.type)) return s.type.map((t) => (t === 'null' ? { type: 'null' } : { ...s, type: t }));
  return [s];
}

function objectChanges(prev, next, path) {
  const out = [];
  const pp = prev.properties ?? {};
  const np = next.properties ?? {};
  const nreq = new Set(next.required ?? []);
  for (const k of Object.keys(pp)) {
    const p = `${path === '(data)' ? '' : `${path}.`}${k}`;
    if (!(k in np)) {
      out.push(`${p}: removed`);
      continue;
    }
    if ((prev.required ?? []).includes(k) && !nreq.has(k)) out.push(`${p}: no longer always present`);
    out.push(...breakingChanges(pp[k], np[k], p));
  }
  if (prev.additionalProperties && typeof prev.additionalProperties === 'object') {
    out.push(...breakingChanges(prev.additionalProperties, next.additionalProperties ?? {}, `${path}{}`));
  }
  return out;
}

function scalarChanges(prev, next, path) {
  const out = [];
  if (prev.enum || next.enum) {
    const pe = new Set(prev.enum ?? []);
    const ne = new Set(next.enum ?? []);
    if (!prev.enum) out.push(`${path}: now limited to ${[...ne].join(', ')}`);
    for (const v of pe) if (next.enum && !ne.has(v)) out.push(`${path}: value ${JSON.stringify(v)} removed`);
    for (const v of ne) if (prev.enum && !pe.has(v)) out.push(`${path}: new value ${JSON.stringify(v)} (a consumer switching over the values would not know it)`);
  }
  if (prev.const !== undefined && prev.const !== next.const) out.push(`${path}: constant ${JSON.stringify(prev.const)} changed`);
  if (prev.format && prev.format !== next.format) out.push(`${path}: format ${prev.format} became ${next.format ?? 'none'}`);
  return out;
}

/** Descriptions and the personal-data marks do not change what a consumer parses. */
function strip(s) {
  if (Array.isArray(s)) return s.map(strip);
  if (!s || typeof s !== 'object') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) if (k !== 'description' && k !== PERSONAL_DATA_KEYWORD) out[k] = strip(v);
  return out;
}

/**
 * The catalogue against the committed one: `{ breaking: [...], changed: [...], added: [...] }`.
 * A published type that disappeared is breaking (integrators subscribe to it by name).
 */
export function compareCatalogues(committed, current) {
  const byType = new Map(current.map((e) => [e.type, e]));
  const breaking = [];
  const changed = [];
  for (const old of committed) {
    const now = byType.get(old.type);
    if (!now) {
      breaking.push(`${old.type}: removed from the catalogue (keep publishing it, or add a new version beside it)`);
      continue;
    }
    const why = breakingChanges(old.schema, now.schema);
    const published = omit(now, 'key');
    if (why.length) breaking.push(...why.map((w) => `${old.type} ${w}`));
    else if (JSON.stringify(old) !== JSON.stringify(published)) changed.push(old.type);
  }
  const known = new Set(committed.map((e) => e.type));
  const added = current.filter((e) => !known.has(e.type)).map((e) => e.type);
  return { breaking, changed, added };
}

// ---------------------------------------------------------------------------------------------
// AsyncAPI 3

const pascal = (s) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** The AsyncAPI 3.0 document of the catalogue (an object; generate.mjs writes it as YAML). */
export function toAsyncApi(entries, { version }) {
  const channels = {};
  const operations = {};
  const messages = {};
  const schemas = {};
  schemas.CloudEventsHeaders = {
    type: 'object',
    description: 'CloudEvents 1.0 binary content mode: the attributes as NATS headers, the data as the JSON body.',
    properties: Object.fromEntries(Object.entries(CLOUDEVENTS_HEADERS).map(([k, d]) => [k, { type: 'string', description: d }])),
    required: REQUIRED_HEADERS,
  };
  for (const e of entries) {
    const id = pascal(e.type);
    schemas[e.type] = e.schema;
    messages[id] = {
      name: e.type,
      title: e.type,
      summary: e.summary,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/CloudEventsHeaders' },
      payload: { $ref: `#/components/schemas/${e.type}` },
      ...(e.personalData.length
        ? { description: `Personal data (internal subscribers only; removed or masked on the public stream and in webhooks): ${e.personalData.map((p) => `${p.path} (${p.treatment})`).join(', ')}.` }
        : {}),
    };
    channels[id] = {
      address: e.subject,
      title: e.type,
      summary: e.summary,
      parameters: { county: { $ref: '#/components/parameters/county' } },
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`receive${id}`] = {
      action: 'receive',
      title: `Receive ${e.type}`,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Grassroots governance platform: events',
      version,
      description:
        'Every event the platform publishes, one channel per event type, as integrators read it: pub.<county>.<service>.<aggregate>.<event>.v<N> ' +
        'on the JetStream stream GOV_PUBLIC, with the fields marked x-personal-data removed or masked (docs/integrators.md). Internal services ' +
        'read the same events, whole, as evt.<county>.… on GOV_EVENTS. Generated from the services\' contracts by `npm run events:generate`; do not edit.',
    },
    defaultContentType: 'application/json',
    servers: {
      platform: {
        host: 'nats:4222',
        protocol: 'nats',
        description: "The deployment's NATS with JetStream; integrators connect with the credentials their county issues.",
      },
    },
    channels,
    operations,
    components: {
      parameters: { county: { description: 'The county token, e.g. dongbao or duodao; city-wide objects (the city itself) use city.' } },
      messages,
      schemas,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTML

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** One self-contained page (no script, no outside request) listing every event type and its fields. */
export function toHtml(entries, { version }) {
  const services = [...new Set(entries.map((e) => e.service))];
  const rows = (schema, path = '') => {
    const out = [];
    const props = schema?.properties ?? {};
    const req = new Set(schema?.required ?? []);
    for (const [k, s] of Object.entries(props)) {
      const p = path ? `${path}.${k}` : k;
      const types = describeType(s);
      const pii = s[PERSONAL_DATA_KEYWORD] ? ` <span class="pii">personal data: ${esc(s[PERSONAL_DATA_KEYWORD])}</span>` : '';
      out.push(`<tr><td><code>${esc(p)}</code></td><td>${esc(types)}</td><td>${req.has(k) ? 'yes' : 'no'}</td><td>${esc(s.description ?? '')}${pii}</td></tr>`);
      const obj = s.type === 'object' ? s : (s.anyOf ?? []).find((a) => a.type === 'object');
      if (obj?.properties) out.push(...rows(obj, p));
      const arr = s.type === 'array' ? s : (s.anyOf ?? []).find((a) => a.type === 'array');
      if (arr?.items?.properties) out.push(...rows(arr.items, `${p}[]`));
    }
    return out;
  };
  const sections = services.map((svc) => {
    const list = entries.filter((e) => e.service === svc);
    return `<section id="${esc(svc)}"><h2>${esc(svc)} (${list.length})</h2>${list
      .map(
        (e) => `<article id="${esc(e.type)}"><h3><code>${esc(e.type)}</code></h3><p>${esc(e.summary)}</p>
<p>Integrators: <code>${esc(e.subject)}</code> (GOV_PUBLIC) · internal: <code>${esc(e.internalSubject)}</code> (GOV_EVENTS) · <a href="${esc(e.type)}.json">JSON Schema</a></p>
<table><thead><tr><th>field</th><th>type</th><th>always</th><th>notes</th></tr></thead><tbody>${rows(e.schema).join('')}</tbody></table></article>`,
      )
      .join('\n')}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Event catalogue ${esc(version)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code{font-size:90%}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.pii{color:#8a1c1c;font-weight:600}nav a{margin-right:1rem}article{border-top:1px solid #ddd;padding-top:.5rem}</style></head>
<body><h1>Event catalogue</h1>
<p>Version ${esc(version)}: ${entries.length} event types. Each is a CloudEvents 1.0 message on NATS JetStream (attributes in <code>ce-*</code> headers, the data as JSON). Fields marked personal data reach internal services only; the integrators' stream and webhooks remove or mask them. See <a href="../integrators.md">integrators.md</a> and <a href="../asyncapi.yaml">asyncapi.yaml</a>.</p>
<nav>${services.map((s) => `<a href="#${esc(s)}">${esc(s)}</a>`).join('')}</nav>
${sections.join('\n')}
</body></html>
`;
}

function describeType(s) {
  if (s.anyOf) return s.anyOf.map(describeType).join(' | ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.type === 'array') return `${describeType(s.items ?? {})}[]`;
  if (s.type === 'object' && !s.properties && s.additionalProperties) return `map of ${describeType(s.additionalProperties)}`;
  return [s.type ?? 'any', s.format ? `(${s.format})` : ''].join(' ').trim();
}
