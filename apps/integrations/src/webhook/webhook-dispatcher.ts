import { DeliveryRepository, webhookSecretPlace, type ClaimedDelivery, type TryRecord, type WebhookRecord } from '@gov/integrations-data-access';
import { webhookBackoffMs, webhookBodyText, webhookSignature, type WebhookCloudEvent } from '@gov/integrations-domain';
import { PiiCipher } from '@gov/platform-persistence';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import type { IntegrationsConfig } from '../config.js';

/** Headers of every delivery (docs/integrators.md, Webhooks). */
export const WEBHOOK_HEADERS = {
  id: 'gov-webhook-id',
  delivery: 'gov-delivery-id',
  timestamp: 'gov-webhook-timestamp',
  signature: 'gov-webhook-signature',
} as const;

/** Idle connections kept per receiver: one webhook's deliveries go one at a time, so one is in use per webhook. */
const KEEP_ALIVE_SOCKETS = 4;

/** Decrypted secrets kept, by webhook (with the ciphertext they came from: a rotated secret is decrypted anew). */
const SECRET_CACHE_SIZE = 1_000;

/** Where a webhook's deliveries go, and how they are signed (the secret as stored, encrypted). */
type Target = Pick<WebhookRecord, 'id' | 'url' | 'secretCiphertext'>;

/** How one POST went. */
interface Sent {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends the deliveries: a loop, woken when the fan-out adds rows (and by replays), else every
 * WEBHOOK_POLL_MS or when the next retry it scheduled falls due. Each round takes the due pending
 * deliveries of active webhooks (leased with SKIP LOCKED, so replicas share the work without
 * sending one twice), POSTs each webhook's in order, one at a time, and the webhooks side by side. A 2xx
 * delivers; anything else (another status, no answer within WEBHOOK_TIMEOUT_MS) counts a try and
 * schedules the next after base·2^(tries−1), capped, until WEBHOOK_MAX_ATTEMPTS: then the delivery
 * is dead until replayed. A webhook whose delivery failed gets nothing more in that round: the
 * rest of its deliveries are handed back untried, so one receiver that hangs holds up no other.
 *
 * Cheap per delivery: the connections to the receivers are kept open (keep-alive agents), and
 * the tries of one webhook's deliveries in a round are recorded together, in one statement,
 * when its last was sent (or one failed). A replica that dies in between leaves them leased:
 * they are sent again when the lease runs out, which receivers deduplicate by the event id.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: Promise<void>;
  private stopping = false;
  private woken = false;
  private wakeUp?: () => void;
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxFreeSockets: KEEP_ALIVE_SOCKETS }),
    'https:': new https.Agent({ keepAlive: true, maxFreeSockets: KEEP_ALIVE_SOCKETS }),
  };
  private readonly secrets = new Map<string, { ciphertext: string; secret: string }>();
  /** When the earliest retry this replica scheduled falls due (epoch ms). */
  private nextRetryAt?: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly deliveries: DeliveryRepository,
    private readonly cipher: PiiCipher,
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onApplicationBootstrap(): void {
    // Nest calls the bootstrap hooks again when the NATS microservice starts: one loop only, or
    // two would send one webhook's deliveries side by side, and shutdown would wait for one.
    this.loop ??= this.run();
  }

  /** Lets the round in flight finish (its POSTs are bounded by the timeout), then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  /** New or replayed deliveries: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let taken = 0;
      try {
        taken = await this.round();
      } catch (err) {
        this.logger.warn({ err }, 'webhook dispatch round failed');
      }
      // A full batch: there may be more due right away.
      if (taken >= this.config.WEBHOOK_BATCH || this.stopping) continue;
      await this.idle();
    }
  }

  /**
   * Sleeps until woken, the poll interval passed, or the next retry this replica scheduled falls
   * due (the retries of other replicas, or of before a restart, are found by the poll).
   */
  private async idle(): Promise<void> {
    // Woken during the round: there is work now.
    if (this.woken || this.stopping) {
      this.woken = false;
      return;
    }
    let waitMs = this.config.WEBHOOK_POLL_MS;
    const next = this.nextRetryAt;
    if (next !== undefined) {
      waitMs = Math.max(0, Math.min(waitMs, next - Date.now()));
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      timer.unref();
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
    this.woken = false;
  }

  /** One round: takes what is due and sends it; answers how many deliveries it took. */
  async round(): Promise<number> {
    const { WEBHOOK_BATCH, WEBHOOK_TIMEOUT_MS } = this.config;
    // Long enough for a whole round of slow answers; only a replica that died leaves it to run out.
    const leaseMs = WEBHOOK_TIMEOUT_MS * WEBHOOK_BATCH + 30_000;
    // A retry that fell due is taken now (or was another replica's to take): no need to wake for it again.
    if (this.nextRetryAt !== undefined && this.nextRetryAt <= Date.now()) this.nextRetryAt = undefined;
    const claimed = await this.deliveries.claimDue(this.em(), WEBHOOK_BATCH, leaseMs);
    if (!claimed.length) return 0;
    const byWebhook = new Map<string, ClaimedDelivery[]>();
    for (const d of claimed) byWebhook.set(d.webhookId, [...(byWebhook.get(d.webhookId) ?? []), d]);
    await Promise.all(
      [...byWebhook].map(async ([webhookId, list]) => {
        const w = { id: webhookId, url: list[0]!.url, secretCiphertext: list[0]!.secretCiphertext };
        await this.sendInOrder(w, list).catch((err) => this.logger.error({ err, webhookId }, 'webhook deliveries could not be sent or recorded; they are tried again once their lease runs out'));
      }),
    );
    return claimed.length;
  }

  private async sendInOrder(w: Target, list: ClaimedDelivery[]): Promise<void> {
    const secret = this.secretOf(w);
    const tries: TryRecord[] = [];
    let untried: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const sent = await this.post(w, secret, d);
      const n = d.attempts + 1;
      const dead = !sent.ok && n >= this.config.WEBHOOK_MAX_ATTEMPTS;
      const retry = sent.ok ? undefined : dead ? { dead: true as const } : { dead: false as const, at: new Date(Date.now() + webhookBackoffMs(n, this.config.WEBHOOK_BACKOFF_BASE_MS, this.config.WEBHOOK_BACKOFF_CAP_MS)) };
      tries.push({ id: d.id, attemptsBefore: d.attempts, status: sent.status, error: sent.error, durationMs: sent.durationMs, retry });
      if (dead) this.logger.warn({ webhookId: w.id, deliveryId: d.id, tries: n, error: sent.error }, 'webhook delivery dead after its last try');
      if (!sent.ok) {
        untried = list.slice(i + 1).map((x) => x.id);
        break;
      }
    }
    await this.deliveries.recordTries(this.em(), tries);
    for (const t of tries) if (t.retry && !t.retry.dead) this.retryAt(t.retry.at.getTime());
    if (untried.length) {
      await this.deliveries.release(this.em(), untried);
      this.retryAt(Date.now());
    }
  }

  /** A retry this replica scheduled: the loop looks again when it falls due. */
  private retryAt(ms: number): void {
    if (this.nextRetryAt === undefined || ms < this.nextRetryAt) this.nextRetryAt = ms;
  }

  /** The webhook's secret in clear; decrypted once per secret, not once per round. */
  private secretOf(w: Target): string {
    const known = this.secrets.get(w.id);
    if (known?.ciphertext === w.secretCiphertext) return known.secret;
    const secret = this.cipher.decrypt(w.secretCiphertext, webhookSecretPlace(w.id));
    if (this.secrets.size >= SECRET_CACHE_SIZE) this.secrets.delete(this.secrets.keys().next().value!);
    this.secrets.set(w.id, { ciphertext: w.secretCiphertext, secret });
    return secret;
  }

  /**
   * One POST over a kept-alive connection. Its answer is the status: the body is read and dropped
   * (so the connection can be used again), a redirect is an answer of the receiver's, not a place
   * to send the event to; no status within WEBHOOK_TIMEOUT_MS is a failed try.
   */
  private post(w: Target, secret: string, d: ClaimedDelivery): Promise<Sent> {
    const text = webhookBodyText(d.body as unknown as WebhookCloudEvent);
    const body = Buffer.from(text, 'utf8');
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const timeoutMs = this.config.WEBHOOK_TIMEOUT_MS;
    return new Promise<Sent>((resolve) => {
      let settled = false;
      const done = (status: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const ok = status !== null && status >= 200 && status < 300;
        resolve({ ok, status, error: error ?? (ok ? null : `HTTP ${status}`), durationMs: performance.now() - started });
      };
      let url: URL;
      try {
        url = new URL(w.url);
      } catch (err) {
        done(null, this.describe(err));
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      const agent = url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'];
      const req = client.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/cloudevents+json',
            'content-length': String(body.length),
            'user-agent': 'gov-webhooks/1',
            [WEBHOOK_HEADERS.id]: w.id,
            [WEBHOOK_HEADERS.delivery]: d.id,
            [WEBHOOK_HEADERS.timestamp]: String(timestamp),
            [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, text),
          },
        },
        (res) => {
          done(res.statusCode ?? null, res.statusCode ? null : 'no status');
          // Read to the end so the connection is kept; a body that does not end in time closes it.
          res.on('error', () => undefined);
          res.resume();
          const drainTimer = setTimeout(() => req.destroy(), timeoutMs);
          drainTimer.unref();
          res.on('close', () => clearTimeout(drainTimer));
        },
      );
      const timer = setTimeout(() => {
        done(null, `no answer within ${timeoutMs} ms`);
        req.destroy();
      }, timeoutMs);
      req.on('error', (err) => done(null, this.describe(err)));
      req.end(body);
    });
  }

  private describe(err: unknown): string {
    const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    return String(e.code ?? e.cause?.code ?? e.cause?.message ?? e.message ?? err).slice(0, 500);
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}
