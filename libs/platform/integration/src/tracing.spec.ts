// OpenTelemetry traces across gateway → NATS → service: the caller's span context travels in the
// NATS request's `traceparent` header and the service's span is its child, in the same trace.
import { currentTraceIds, flushTracing, startTracing, stopTracing } from '@gov/platform-observability';
import type { ServiceApp } from '@gov/platform-service';
import { TestContext, eventually, startTestService } from '@gov/platform-testing';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { RuntimeProbeModule } from './runtime.fixture.js';

const t = new TestContext();
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

afterAll(async () => {
  await t.cleanup();
});

describe('traces in one process (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let service: ServiceApp;

  beforeAll(async () => {
    expect(await startTracing({ service: 'tracing-test', exporter, simple: true })).toBe(true);
    service = await startTestService(RuntimeProbeModule, t.env('rttrace'));
  });
  afterAll(async () => {
    await service?.close();
    await stopTracing();
  });

  it('makes the service\'s span a child of the caller\'s, through the traceparent header of the request', async () => {
    const nc = await t.nats();
    const seen: string[] = [];
    // A second subscriber outside the queue group sees the request as it travelled.
    const snoop = nc.subscribe(t.ns.subject('rpc.rtprobe.echo'), { callback: (_err, msg) => void seen.push(msg.headers?.get('traceparent') ?? '') });
    await nc.flush();
    const rpc = await t.rpc();
    const caller = trace.getTracer('test').startSpan('caller');
    await context.with(trace.setSpan(context.active(), caller), () => rpc.request('rpc.rtprobe.echo', { n: 1 }));
    caller.end();
    snoop.unsubscribe();
    await flushTracing();

    const spans = exporter.getFinishedSpans();
    const client = spans.find((s) => s.name === 'rpc.rtprobe.echo request')!;
    const server = spans.find((s) => s.name === 'rpc.rtprobe.echo process')!;
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(server.kind).toBe(SpanKind.SERVER);
    const traceId = caller.spanContext().traceId;
    expect(client.spanContext().traceId).toBe(traceId);
    expect(client.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
    expect(server.parentSpanContext?.isRemote).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(TRACEPARENT);
    expect(seen[0]).toBe(`00-${traceId}-${client.spanContext().spanId}-01`);
  });

  it('names the current trace and span for log lines', () => {
    expect(currentTraceIds()).toBeUndefined();
    const span = trace.getTracer('test').startSpan('logging');
    context.with(trace.setSpan(context.active(), span), () => expect(currentTraceIds()).toEqual({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId }));
    span.end();
  });

  it('records a failed request on the service\'s span', async () => {
    const rpc = await t.rpc();
    await expect(rpc.request('rpc.rtprobe.missing', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await flushTracing();
    const server = exporter.getFinishedSpans().find((s) => s.name === 'rpc.rtprobe.missing process')!;
    expect(server.status).toMatchObject({ code: 2, message: 'NOT_FOUND' });
  });
});

// The built gateway and identity processes, each exporting OTLP/HTTP (JSON) to a collector the test runs.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const mains = { gateway: `${root}apps/gateway/dist/main.js`, identity: `${root}apps/identity/dist/main.js` };

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  service: string;
}

describe('traces across processes: gateway → NATS → identity (OTLP over HTTP)', () => {
  const spans: OtlpSpan[] = [];
  let collector: Server;
  let endpoint: string;
  const procs: { child: ChildProcess; exit: Promise<number | null> }[] = [];

  beforeAll(async () => {
    for (const main of Object.values(mains)) if (!existsSync(main)) throw new Error(`${main} is missing: build it first (npx nx run-many -t build --projects=@gov/gateway,@gov/identity)`);
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const data = JSON.parse(body.toString('utf8')) as {
          resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Omit<OtlpSpan, 'service'>[] }[] }[];
        };
        for (const rs of data.resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind, service });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exit));
    await new Promise((r) => collector.close(r));
  });

  async function start(name: keyof typeof mains): Promise<{ child: ChildProcess; exit: Promise<number | null>; url: string }> {
    const env = { PATH: process.env.PATH ?? '', ...t.env(name, { LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }) };
    const child = spawn(process.execPath, [mains[name]], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    procs.push({ child, exit });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if ((entry.msg === 'service ready' || entry.msg === 'gateway ready') && entry.url) resolve(entry.url);
        } catch {
          // not a log line
        }
      });
    });
    return { child, exit, url };
  }

  it('gives the gateway\'s HTTP span, its NATS request and identity\'s handling one trace, linked parent to child', async () => {
    const identity = await start('identity');
    const gateway = await start('gateway');
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(login: "nobody-here", password: "not-the-password") { accessToken } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    // SIGTERM: each process exports what it holds before it exits.
    identity.child.kill('SIGTERM');
    gateway.child.kill('SIGTERM');
    expect(await identity.exit).toBe(0);
    expect(await gateway.exit).toBe(0);

    const server = await eventually(async () => spans.find((s) => s.service === 'identity' && s.name === 'rpc.identity.access.login process'), 5000);
    const client = spans.find((s) => s.service === 'gateway' && s.name === 'rpc.identity.access.login request')!;
    const http = spans.find((s) => s.service === 'gateway' && s.name === 'POST /graphql')!;
    expect(http).toBeDefined();
    expect(client).toBeDefined();
    expect(http.kind).toBe(2); // SERVER (OTLP numbering)
    expect(client.kind).toBe(3); // CLIENT
    expect(server.kind).toBe(2);
    expect(client.traceId).toBe(http.traceId);
    expect(server.traceId).toBe(http.traceId);
    expect(client.parentSpanId).toBe(http.spanId);
    expect(server.parentSpanId).toBe(client.spanId);
  }, 60_000);
});
