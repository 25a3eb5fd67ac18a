import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';

/**
 * OpenTelemetry traces across gateway → NATS → service: the W3C `traceparent` (and `tracestate`)
 * travels in the NATS headers of each request, so the span of the service that answers is a child
 * of the caller's.
 *
 * Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test installs an exporter with
 * `startTracing`). While off nothing of the SDK is loaded and every helper here is one boolean
 * test and a direct call: the request path costs nothing more.
 *
 * Events: the outbox table has no column for trace context, so a published event does not carry
 * the trace of the request that wrote it. A consumer's span starts a new trace; it and every span
 * of a request carry `gov.correlation_id`, which the outbox row and the event do carry, so the
 * trace of an event's handling is found from the request's correlation id.
 */
let active = false;
let provider: { forceFlush(): Promise<void>; shutdown(): Promise<void> } | undefined;

/** The trace context headers: `traceparent` and, when there is one, `tracestate`. */
export const TRACEPARENT_HEADER = 'traceparent';


export interface TracingOptions {
  /** `service.name` of the spans. */
  service: string;
  /** Where spans go; default: OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (batched). */
  exporter?: SpanExporter;
  /** Export each span when it ends instead of in batches (tests). */
  simple?: boolean;
}

export function tracingEnabled(): boolean {
  return active;
}

/**
 * Starts tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set in `env` (or an exporter
 * is given). Returns whether tracing is on. Only the first call per process installs anything.
 */
export async function startTracing(opts: TracingOptions, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (active) return true;
  if (!opts.exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  const [{ TracerProvider, BatchSpanProcessor, SimpleSpanProcessor }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
  ]);
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS, _TIMEOUT) itself.
  const exporter = opts.exporter ?? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  const tp = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || opts.service }),
    spanProcessors: [opts.simple ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tp);
  provider = tp;
  active = true;
  return true;
}

/** Exports what is buffered and stops tracing (at shutdown, after the last request). */
export async function stopTracing(): Promise<void> {
  const tp = provider;
  provider = undefined;
  active = false;
  if (!tp) return;
  await tp.forceFlush().catch(() => undefined);
  await tp.shutdown().catch(() => undefined);
  trace.disable();
  propagation.disable();
  context.disable();
}

/** The trace and span of the current span, for log lines (undefined while tracing is off). */
export function currentTraceIds(): { traceId: string; spanId: string } | undefined {
  if (!active) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** Exports the finished spans now (tests). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/** NATS message headers as a carrier: `get`/`set` by name (MsgHdrs has both). */
export interface HeaderCarrier {
  get(name: string): string;
  set(name: string, value: string): void;
}

const natsGetter: TextMapGetter<HeaderCarrier | undefined> = {
  keys: () => [TRACEPARENT_HEADER, 'tracestate'],
  get: (carrier, key) => carrier?.get(key) || undefined,
};
const natsSetter: TextMapSetter<HeaderCarrier> = { set: (carrier, key, value) => carrier.set(key, value) };

const httpGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

function tracer() {
  return trace.getTracer('gov');
}

/** Runs `fn` in `span`, ends the span when it settles, and records a thrown error on it. */
async function inSpan<T>(span: Span, parent: Context, fn: () => Promise<T>, failed?: (result: T) => string | undefined): Promise<T> {
  try {
    const result = await context.with(trace.setSpan(parent, span), fn);
    const error = failed?.(result);
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
    return result;
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as { code?: string }).code ?? 'error' });
    throw err;
  } finally {
    span.end();
  }
}

/**
 * A NATS request as a CLIENT span of the current trace; its context goes into `h` as
 * `traceparent`. Off: `fn()` alone.
 */
export function traceRequest<T>(subject: string, h: HeaderCarrier, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  if (!active) return fn();
  const parent = context.active();
  const span = tracer().startSpan(`${subject} request`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, ...attributes } }, parent);
  propagation.inject(trace.setSpan(parent, span), h, natsSetter);
  return inSpan(span, parent, fn);
}

/**
 * The handling of a NATS request as a SERVER span, the child of the caller's span named by the
 * request's `traceparent` header. Off: `fn()` alone. `failed` names the error of a result that is
 * a failure without throwing (an error envelope).
 */
export function traceHandling<T>(subject: string, h: HeaderCarrier | undefined, attributes: Attributes, fn: () => Promise<T>, failed?: (result: T) => string | undefined): Promise<T> {
  if (!active) return fn();
  const parent = propagation.extract(context.active(), h, natsGetter);
  const span = tracer().startSpan(`${subject} process`, { kind: SpanKind.SERVER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, ...attributes } }, parent);
  return inSpan(span, parent, fn, failed);
}

/** An event handled by a durable consumer: a CONSUMER span (see the note on events above). Off: `fn()` alone. */
export function traceEvent<T>(type: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  if (!active) return fn();
  const parent = context.active();
  const span = tracer().startSpan(`${type} process`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'nats', 'gov.event.type': type, ...attributes } }, parent);
  return inSpan(span, parent, fn);
}

/**
 * Express-style middleware step: an HTTP request as a SERVER span, the child of the caller's
 * `traceparent` when it sent one (an ingress or a browser with tracing), ended when the response
 * is finished; `next()` runs in it, so the NATS requests it causes are its children. Off: `next()`.
 */
export function traceHttp(
  req: { method: string; path: string; headers: Record<string, string | string[] | undefined> },
  res: { statusCode: number; once(event: 'finish' | 'close', listener: () => void): unknown },
  attributes: Attributes,
  next: () => void,
): void {
  if (!active) return next();
  const parent = propagation.extract(context.active(), req.headers, httpGetter);
  const span = tracer().startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path, ...attributes } }, parent);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(parent, span), next);
}
