// A small service on PlatformModule for the runtime specs (readiness, metrics, traces), and the
// private infrastructure they cut and restore: a nats-server child process and a TCP proxy to
// PostgreSQL.
import { AppError } from '@gov/kernel';
import { serviceConfigSchema } from '@gov/platform-config';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';
import { PlatformModule } from '@gov/platform-service';
import { eventually } from '@gov/platform-testing';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { Controller, Module } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { connect } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

@Entity({ tableName: 'rt_note' })
class RtNote {
  @PrimaryKey({ type: 'uuid' }) id!: string;
}

class Migration001 extends Migration {
  override up(): void {
    this.addSql('create table rt_note (id uuid primary key)');
    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

/** An event type whose handler always fails: after one attempt it goes to the dead letters. */
export const FAILING_EVENT_TYPE = 'gov.rtprobe.thing.failed.v1';

@Controller()
class RuntimeProbeController {
  @MessagePattern('rpc.rtprobe.echo')
  async echo(@Payload() input: { n: number; delayMs?: number }) {
    if (input.delayMs) await new Promise((r) => setTimeout(r, input.delayMs));
    return { n: input.n };
  }

  @MessagePattern('rpc.rtprobe.missing')
  missing() {
    throw new AppError('NOT_FOUND', 'nothing here');
  }

  @EventPattern<string>(FAILING_EVENT_TYPE, { maxDeliver: 1 })
  fail() {
    throw new Error('this handler always fails');
  }
}

@Module({
  imports: [PlatformModule.forService({ name: 'rtprobe', config: serviceConfigSchema({ schema: 'rtprobe', httpPort: 0 }), entities: [RtNote], migrations: [{ name: '001', class: Migration001 }] })],
  controllers: [RuntimeProbeController],
})
export class RuntimeProbeModule {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/** A nats-server with JetStream of the test's own, on a fixed free port and store, that can be stopped and started again. */
export class PrivateNats {
  private child?: ChildProcess;
  private readonly store = mkdtempSync(join(tmpdir(), 'private-nats-'));
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateNats> {
    const n = new PrivateNats(await freePort());
    await n.up();
    return n;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts the server; resolves once it accepts clients. */
  async up(): Promise<void> {
    const child = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.store], { stdio: 'ignore' });
    this.child = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
      const probe = await connect({ servers: this.url, reconnect: false });
      await probe.close();
      return true;
    }, 10_000);
  }

  /** Kills the server (like a lost node); its store stays for the next up(). */
  async down(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.down();
    rmSync(this.store, { recursive: true, force: true });
  }
}

/**
 * A TCP proxy to a real server (PostgreSQL here) that a test can cut — every connection dropped
 * and new ones refused — and restore, without touching the server.
 */
export class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  private readonly server: Server;
  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  /** The port it listens on (127.0.0.1). */
  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  static async start(targetHost: string, targetPort: number): Promise<CuttableProxy> {
    const proxy = new CuttableProxy(targetHost, targetPort);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  private accept(client: Socket): void {
    if (this.cutOff) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
    }
  }

  /** Drops every connection and refuses new ones until restore(). */
  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** GET /health/ready: the status code and the checks. */
export async function readiness(url: string): Promise<{ status: number; checks: Record<string, boolean> }> {
  const res = await fetch(`${url}/health/ready`);
  const body = (await res.json()) as { checks: Record<string, boolean> };
  return { status: res.status, checks: body.checks };
}
