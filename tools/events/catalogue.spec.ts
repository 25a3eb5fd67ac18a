import { Parser } from '@asyncapi/parser';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { breakingChanges, buildCatalogue, compareCatalogues, jsonSchemaOf, toHtml } from './catalogue.mjs';
import { CONTRACTS } from './contracts.mjs';
import { ASYNCAPI_FILE, CATALOGUE_VERSION, EVENTS_DIR, readCommitted, renderFiles } from './files.mjs';

// `npm run events:generate` runs this file with UPDATE_EVENTS=1: it writes the catalogue, unless a
// change would break a published type.
const UPDATE = process.env.UPDATE_EVENTS === '1';
/** Fields whose names look personal but are not a person's, each with the reason. */
const NOT_PERSONAL: [RegExp, string][] = [
  [/^gov\.(grids\.(region|layer|layer-grid|party-org|place)|identity\.unit|mediation\.organisation|tasks\.merchant|integrations\.webhook)\.[a-z-]+\.v\d+ name$/, 'the name of a public body, place, business or endpoint'],
  [/^gov\.identity\.steward\.[a-z-]+\.v\d+ number$/, 'a steward number is the badge a Red Steward wears (class-unit-grid-sequence)'],
  [/^gov\.mediation\.case\.[a-z-]+\.v\d+ number$/, 'a case file number (东宝调〔2026〕0042号)'],
];
const isNotPersonal = (field: string) => NOT_PERSONAL.some(([re]) => re.test(field));
const { entries, problems } = buildCatalogue(CONTRACTS);

describe('event catalogue', () => {
  it('has a version, a summary and a JSON-Schema-able zod schema for every event type of every service', () => {
    expect(problems).toEqual([]);
    expect(new Set(entries.map((e) => e.service))).toEqual(new Set(Object.keys(CONTRACTS)));
    expect(entries.length).toBe(Object.values(CONTRACTS).reduce((n, c) => n + Object.keys(c).length, 0));
  });

  it('changes no published event type incompatibly (a new .v2 goes beside the .v1 instead)', () => {
    const { breaking } = compareCatalogues(readCommitted(), entries);
    expect(breaking).toEqual([]);
  });

  it('is committed as the contracts generate it (run `npm run events:generate` after changing them)', () => {
    const files = renderFiles(entries);
    if (UPDATE) {
      fs.mkdirSync(EVENTS_DIR, { recursive: true });
      for (const e of readCommitted()) if (!entries.some((x) => x.type === e.type)) fs.rmSync(path.join(EVENTS_DIR, `${e.type}.json`));
      for (const [file, text] of files) fs.writeFileSync(file, text);
    }
    const stale = [...files].filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => file);
    const extra = readCommitted()
      .map((e) => e.type)
      .filter((t) => !entries.some((e) => e.type === t));
    expect({ stale, extra }).toEqual({ stale: [], extra: [] });
  });

  it('is a valid AsyncAPI 3 document with one channel, operation and message per event type', async () => {
    const text = fs.readFileSync(ASYNCAPI_FILE, 'utf8');
    const { document, diagnostics } = await new Parser().parse(text);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');
    expect(document!.info().version()).toBe(CATALOGUE_VERSION);
    expect(document!.channels().length).toBe(entries.length);
    expect(document!.operations().length).toBe(entries.length);
    const addresses = document!.channels().all().map((c) => c.address());
    expect(addresses).toContain('pub.{county}.petitions.petition.submitted.v1');
    const raw = parseYaml(text);
    expect(raw.components.schemas['gov.petitions.petition.submitted.v1']).toEqual(entries.find((e) => e.type === 'gov.petitions.petition.submitted.v1')!.schema);
  });

  it('marks every phone, ID number, door number and personal name it carries as personal data', () => {
    const suspicious = /phone|mobile|idcard|idnumber|^name$|personName|^number$/i;
    const unmarked: string[] = [];
    const visit = (schema: Record<string, any> | undefined, path: string, type: string) => {
      if (!schema || schema['x-personal-data']) return;
      for (const alt of schema.anyOf ?? []) visit(alt, path, type);
      if (schema.items) visit(schema.items, `${path}[]`, type);
      for (const [k, v] of Object.entries<Record<string, any>>(schema.properties ?? {})) {
        const p = path ? `${path}.${k}` : k;
        if (suspicious.test(k) && !v['x-personal-data'] && !isNotPersonal(`${type} ${p}`)) unmarked.push(`${type} ${p}`);
        visit(v, p, type);
      }
    };
    for (const e of entries) visit(e.schema, '', e.type);
    expect(unmarked).toEqual([]);
    // What the services mark today, as examples of each treatment.
    const marks = (type: string) => entries.find((e) => e.type === type)?.personalData;
    expect(marks('gov.grids.staff.assigned.v1')).toContainEqual({ path: 'name', treatment: 'mask' });
    expect(marks('gov.grids.household.registered.v1')).toContainEqual({ path: 'number', treatment: 'drop' });
    expect(marks('gov.petitions.petition.task-requested.v1')).toContainEqual({ path: 'location', treatment: 'drop' });
  });

  it('renders a browsable page listing every type and its fields, with nothing loaded from elsewhere', () => {
    const html = toHtml(entries, { version: CATALOGUE_VERSION });
    for (const e of entries) expect(html).toContain(`id="${e.type}"`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });
});

describe('breaking-change rules', () => {
  const v1 = jsonSchemaOf(
    z.object({
      id: z.string(),
      state: z.enum(['open', 'closed']),
      count: z.number().int(),
      note: z.string().nullable(),
      tags: z.array(z.object({ name: z.string() })),
      extra: z.string().optional(),
    }),
  );
  const changed = (shape: Record<string, z.ZodType>) => jsonSchemaOf(z.object(shape));
  const base = {
    id: z.string(),
    state: z.enum(['open', 'closed']),
    count: z.number().int(),
    note: z.string().nullable(),
    tags: z.array(z.object({ name: z.string() })),
    extra: z.string().optional(),
  };

  it('accepts an unchanged schema, a new field, a description and a personal-data mark', () => {
    expect(breakingChanges(v1, changed(base))).toEqual([]);
    expect(breakingChanges(v1, changed({ ...base, added: z.string(), later: z.number().optional() }))).toEqual([]);
    expect(breakingChanges(v1, changed({ ...base, id: z.string().describe('the id') }))).toEqual([]);
  });

  it('refuses a removed field, a new type, a required field made optional or nullable, and a nested removal', () => {
    const { id: _id, ...withoutId } = base;
    expect(breakingChanges(v1, changed(withoutId))).toEqual(['id: removed']);
    expect(breakingChanges(v1, changed({ ...base, count: z.string() }))).toEqual(['count: type integer became string']);
    expect(breakingChanges(v1, changed({ ...base, id: z.string().optional() }))).toEqual(['id: no longer always present']);
    expect(breakingChanges(v1, changed({ ...base, id: z.string().nullable() }))).toEqual(['id: type string became null|string']);
    expect(breakingChanges(v1, changed({ ...base, tags: z.array(z.object({ label: z.string() })) }))).toEqual(['tags[].name: removed']);
  });

  it('refuses a removed or an added enum value', () => {
    expect(breakingChanges(v1, changed({ ...base, state: z.enum(['open']) }))).toEqual(['state: value "closed" removed']);
    expect(breakingChanges(v1, changed({ ...base, state: z.enum(['open', 'closed', 'merged']) }))[0]).toMatch(/state: new value "merged"/);
  });

  it('reports a published type that disappeared, and lets a new version sit beside the old', () => {
    const entry = (type: string, schema: object) => ({ type, schema });
    const old = [entry('gov.x.a.done.v1', v1)];
    expect(compareCatalogues(old, []).breaking[0]).toMatch(/gov\.x\.a\.done\.v1: removed/);
    const now = [entry('gov.x.a.done.v1', v1), entry('gov.x.a.done.v2', changed({ id: z.number() }))];
    expect(compareCatalogues(old, now)).toEqual({ breaking: [], changed: [], added: ['gov.x.a.done.v2'] });
  });
});
