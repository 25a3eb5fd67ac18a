import { AppError, logLevelOf } from '@gov/kernel';
import {
  OPEN311_MAX_RESULTS,
  OPEN311_WINDOW_DAYS,
  PetitionRefusal,
  PetitionsRpc,
  type Open311RequestView,
  type Open311ServicesView,
  type Open311SubmittedView,
  type Open311UpdateView,
} from '@gov/petitions-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) for integrators — the 12345
 * hotline platform, the one-stop petition platform — over the petitions service:
 *
 *   GET  /open311/v2/discovery.{json,xml}
 *   GET  /open311/v2/services.{fmt}                      the minor categories (事项小类)
 *   GET  /open311/v2/services/{service_code}.{fmt}       a service's definition (its attributes)
 *   POST /open311/v2/requests.{fmt}                      file a petition (form-urlencoded or JSON)
 *   GET  /open311/v2/requests.{fmt}                      petitions of the key's county
 *   GET  /open311/v2/requests/{service_request_id}.{fmt}
 *   GET  /open311/v2/servicerequestupdates.{fmt}         timeline steps (the servicerequestupdates extension)
 *   GET  /open311/v2/tokens/{token}.{fmt}                always 404: we answer service_request_id at once
 *
 * The extension of the path picks JSON or XML. A request's id is its petition's tracking code.
 * Every endpoint about requests needs `api_key`, a key a county admin issued (GraphQL
 * issueOpen311Key): it answers for that county alone, and another county's request answers 404
 * like a missing one. Refusals are the specification's error array,
 * `[{ "code": 400, "description": "…" }]` (XML `<errors><error>…`), with that HTTP status.
 */
export const OPEN311_PATH = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's behaviour last changed (discovery's changeset): bump with every change integrators should notice. */
export const OPEN311_CHANGESET = '2026-12-03T00:00:00Z';
const CONTACT = '荆门市基层治理平台运维组：请联系所在县（市、区）平台管理员';
const KEY_SERVICE = `API 密钥由所在县（市、区）管理员签发（GraphQL issueOpen311Key），仅可访问该县（市、区）的诉求；查询时间跨度至多 ${OPEN311_WINDOW_DAYS} 天，每次至多 ${OPEN311_MAX_RESULTS} 条`;
const CONTENT_TYPES = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' } as const;
type Format = keyof typeof CONTENT_TYPES;
/** Discovery and the service list change with a taxonomy edit at most: caches may keep them briefly. */
const CATALOGUE_CACHE_CONTROL = 'public, max-age=300';
/** A form POST is a few fields; anything bigger is not a service request. */
const MAX_FORM_BODY = '64kb';
const MAX_FORM_FIELDS = 50;

const HTTP_OK = 200;
const HTTP_BAD_REQUEST = 400;
const HTTP_FORBIDDEN = 403;
const HTTP_NOT_FOUND = 404;
const HTTP_METHOD_NOT_ALLOWED = 405;
const HTTP_PAYLOAD_TOO_LARGE = 413;
const HTTP_INTERNAL = 500;
const HTTP_UNAVAILABLE = 503;

export interface Open311Deps {
  rpc: RpcClient;
  logger: Logger;
}

interface Open311Error {
  code: number;
  description: string;
}

/** What a route answers: the XML root element and the body, which JSON writes as is. */
interface Answer {
  root: string;
  body: unknown;
  cacheControl?: string;
}

interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path below OPEN311_PATH without the format extension; groups are the parameters. */
  path: RegExp;
  handle(deps: Open311Deps, req: Request, params: string[]): Promise<Answer>;
}

const ROUTES: Route[] = [
  { method: 'GET', path: /^\/discovery$/, handle: async (_deps, req) => ({ root: 'discovery', body: discovery(req), cacheControl: CATALOGUE_CACHE_CONTROL }) },
  {
    method: 'GET',
    path: /^\/services$/,
    handle: async (deps, req) => {
      const v = await deps.rpc.request<Open311ServicesView>(PetitionsRpc.open311Services, { apiKey: queryParam(req, 'api_key') });
      return { root: 'services', body: v.services, cacheControl: CATALOGUE_CACHE_CONTROL };
    },
  },
  {
    method: 'GET',
    path: /^\/services\/([^/]+)$/,
    handle: async (deps, req, [code]) => {
      const v = await deps.rpc.request<Open311ServicesView>(PetitionsRpc.open311Services, { apiKey: queryParam(req, 'api_key'), serviceCode: code });
      return { root: 'service_definition', body: v.definition, cacheControl: CATALOGUE_CACHE_CONTROL };
    },
  },
  {
    method: 'POST',
    path: /^\/requests$/,
    handle: async (deps, req) => {
      const created = await deps.rpc.request<Open311SubmittedView>(PetitionsRpc.open311Submit, submission(req));
      return { root: 'service_requests', body: [created] };
    },
  },
  {
    method: 'GET',
    path: /^\/requests$/,
    handle: async (deps, req) => {
      const ids = queryParam(req, 'service_request_id');
      const input = {
        apiKey: queryParam(req, 'api_key'),
        ids: ids ? ids.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
        serviceCode: queryParam(req, 'service_code'),
        startDate: queryParam(req, 'start_date'),
        endDate: queryParam(req, 'end_date'),
        status: queryParam(req, 'status'),
      };
      if (input.ids && input.ids.length > OPEN311_MAX_RESULTS) throw invalid('service_request_id', `at most ${OPEN311_MAX_RESULTS} ids`);
      return { root: 'service_requests', body: await deps.rpc.request<Open311RequestView[]>(PetitionsRpc.open311Requests, input) };
    },
  },
  {
    method: 'GET',
    path: /^\/requests\/([^/]+)$/,
    handle: async (deps, req, [id]) => {
      const found = await deps.rpc.request<Open311RequestView[]>(PetitionsRpc.open311Requests, { apiKey: queryParam(req, 'api_key'), ids: [id] });
      // Missing and another county's alike.
      if (found.length === 0) throw new AppError('NOT_FOUND', `no service request ${id}`);
      return { root: 'service_requests', body: found };
    },
  },
  {
    method: 'GET',
    path: /^\/servicerequestupdates$/,
    handle: async (deps, req) => {
      const input = { apiKey: queryParam(req, 'api_key'), startDate: queryParam(req, 'start_date'), endDate: queryParam(req, 'end_date') };
      return { root: 'service_request_updates', body: await deps.rpc.request<Open311UpdateView[]>(PetitionsRpc.open311Updates, input) };
    },
  },
  {
    method: 'GET',
    path: /^\/tokens\/([^/]+)$/,
    handle: async () => {
      throw new AppError('NOT_FOUND', 'no such token: POST requests answers the service_request_id at once, never a token');
    },
  },
];

/** The Open311 routes, mounted at OPEN311_PATH (JSON bodies arrive parsed by the gateway's JSON parser). */
export function open311Routes(deps: Open311Deps): Router {
  const routes = Router();
  routes.use(express.urlencoded({ extended: false, limit: MAX_FORM_BODY, parameterLimit: MAX_FORM_FIELDS }));
  routes.use((req, res) => dispatch(deps, req, res));
  // Bodies the parsers refused (malformed JSON, too large, too many fields).
  routes.use((err: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    if (typeof err?.status !== 'number') return next(err);
    const format = formatOf(req.path) ?? 'json';
    const status = err.type === 'entity.too.large' ? HTTP_PAYLOAD_TOO_LARGE : HTTP_BAD_REQUEST;
    deps.logger.info({ type: err.type, status }, 'open311: request body refused');
    refuse(res, format, status, [{ code: status, description: err.type === 'entity.too.large' ? 'the request body is too large' : 'the request body is not valid form data or JSON' }]);
  });
  const mounted = Router();
  mounted.use(OPEN311_PATH, routes);
  return mounted;
}

async function dispatch(deps: Open311Deps, req: Request, res: Response): Promise<void> {
  const format = formatOf(req.path);
  const path = format ? req.path.slice(0, -(format.length + 1)) : req.path;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const matches = ROUTES.flatMap((r) => {
    const m = r.path.exec(path);
    return m ? [{ route: r, params: m.slice(1).map(decode) }] : [];
  });
  if (!format || matches.length === 0) return refuse(res, format ?? 'json', HTTP_NOT_FOUND, [{ code: HTTP_NOT_FOUND, description: `no endpoint ${req.path}: see ${OPEN311_PATH}/discovery.json` }]);
  const match = matches.find((m) => m.route.method === method);
  if (!match) {
    res.setHeader('allow', [...new Set(matches.map((m) => m.route.method))].join(', '));
    return refuse(res, format, HTTP_METHOD_NOT_ALLOWED, [{ code: HTTP_METHOD_NOT_ALLOWED, description: `${req.method} is not allowed on ${req.path}` }]);
  }
  try {
    if (match.params.some((p) => p === null)) throw invalid('path', 'not a valid URL encoding');
    const answer = await match.route.handle(deps, req, match.params as string[]);
    res.setHeader('cache-control', answer.cacheControl ?? 'no-store');
    res.status(HTTP_OK).type(CONTENT_TYPES[format]).send(format === 'json' ? JSON.stringify(answer.body) : toXml(answer.root, answer.body));
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', 'internal error');
    if (!(err instanceof AppError)) deps.logger.error({ err, path: req.path }, 'open311: request failed');
    else deps.logger[logLevelOf(e.code)]({ code: e.code, reason: e.reason, path: req.path }, `open311: ${e.message}`);
    const status = statusOf(e, match.route.method);
    refuse(res, format, status, descriptionsOf(e).map((description) => ({ code: status, description })));
  }
}

function refuse(res: Response, format: Format, status: number, errors: Open311Error[]): void {
  res.setHeader('cache-control', 'no-store');
  res.status(status).type(CONTENT_TYPES[format]).send(format === 'json' ? JSON.stringify(errors) : toXml('errors', errors));
}

function formatOf(path: string): Format | null {
  const ext = /\.(json|xml)$/.exec(path)?.[1];
  return ext === 'json' || ext === 'xml' ? ext : null;
}

function decode(segment: string | undefined): string | null {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return null;
  }
}

/**
 * The specification's codes: 403 for a missing or bad api_key, 404 for a request that is not
 * there (or not the key's county's), 400 for anything wrong in what was sent — a POST's unknown
 * building included.
 */
function statusOf(e: AppError, method: Route['method']): number {
  if (e.reason === PetitionRefusal.API_KEY_INVALID) return HTTP_FORBIDDEN;
  if (e.code === 'NOT_FOUND') return method === 'POST' ? HTTP_BAD_REQUEST : HTTP_NOT_FOUND;
  if (e.code === 'UNAVAILABLE') return HTTP_UNAVAILABLE;
  if (e.code === 'INTERNAL') return HTTP_INTERNAL;
  return HTTP_BAD_REQUEST;
}

/** The input's field names as the specification's parameters. */
const PARAMETERS: Record<string, string> = {
  apiKey: 'api_key',
  serviceCode: 'service_code',
  addressId: 'address_id',
  firstName: 'first_name',
  lastName: 'last_name',
  mediaUrl: 'media_url',
  ids: 'service_request_id',
  startDate: 'start_date',
  endDate: 'end_date',
  attributes: 'attribute',
};

/** One description per field at fault (named as the specification's parameter), else the message. */
function descriptionsOf(e: AppError): string[] {
  if (!e.fields?.length) return [e.message];
  return e.fields.map((f) => (f.path ? `${parameterOf(f.path)}: ${f.message}` : f.message));
}

/** `serviceCode` → service_code, `ids.3` → service_request_id, `attributes.anonymous` → attribute[anonymous]. */
function parameterOf(path: string): string {
  const [head = '', sub] = path.split('.');
  if (head === 'attributes' && sub) return `attribute[${sub}]`;
  return PARAMETERS[head] ?? head.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const invalid = (param: string, message: string) => new AppError('VALIDATION', `${param}: ${message}`, undefined, [{ path: param, message }]);

/** A query parameter given at most once; empty counts as absent. */
function queryParam(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (Array.isArray(v)) throw invalid(name, 'given more than once');
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** POST requests' parameters (form fields or a JSON object) as the petitions input. */
function submission(req: Request): Record<string, unknown> {
  const body: Record<string, unknown> = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
  const text = (name: string): string | undefined => {
    const v = body[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || undefined;
    throw invalid(name, 'must be text');
  };
  const number = (name: string): number | undefined => {
    const v = text(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw invalid(name, 'must be a number');
    return n;
  };
  // `attribute[code]=value` form fields, or a JSON object `attribute: { code: value }`.
  const attributes: Record<string, string> = {};
  const put = (code: string, v: unknown) => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw invalid(`attribute[${code}]`, 'must be a single value');
    attributes[code] = String(v);
  };
  for (const [name, v] of Object.entries(body)) {
    const code = /^attribute\[([^\]]+)\]$/.exec(name)?.[1];
    if (code) put(code, v);
  }
  if (body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute)) for (const [code, v] of Object.entries(body.attribute)) put(code, v);
  return {
    apiKey: text('api_key'),
    serviceCode: text('service_code'),
    lat: number('lat'),
    long: number('long'),
    addressId: text('address_id'),
    description: text('description'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    mediaUrl: text('media_url'),
    attributes,
  };
}

function discovery(req: Request) {
  return {
    changeset: OPEN311_CHANGESET,
    contact: CONTACT,
    key_service: KEY_SERVICE,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${req.protocol}://${req.get('host')}${OPEN311_PATH}`,
        changeset: OPEN311_CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

// ---- XML ---------------------------------------------------------------------------------------

/** Element names of list items, as the specification's XML examples name them. */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF): dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The JSON answer as the specification's XML: objects are elements, lists repeat their item element, null is empty. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    if (!item) throw new Error(`open311 XML: no item element for the list ${name}`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
