import { DeliveryRepository, WebhookRepository, webhookSecretPlace, type ClaimedDelivery, type WebhookRecord } from '@gov/integrations-data-access';
import { webhookBackoffMs, webhookBodyText, webhookSignature, type WebhookCloudEvent } from '@gov/integrations-domain';
import { PiiCipher } from '@gov/platform-persistence';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IntegrationsConfig } from '../config.js';

/** Headers of every delivery (docs/integrators.md, Webhooks). */
export const WEBHOOK_HEADERS = {
  id: 'gov-webhook-id',
  delivery: 'gov-delivery-id',
  timestamp: 'gov-webhook-timestamp',
  signature: 'gov-webhook-signature',
} as const;

/** How one POST went. */
interface Sent {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends the deliveries: a loop, woken when the fan-out adds rows (and by replays), else every
 * WEBHOOK_POLL_MS or when the next retry falls due. Each round takes the due pending deliveries
 * of active webhooks (leased with SKIP LOCKED, so replicas share the work without sending one
 * twice), POSTs each webhook's in order, one at a time, and the webhooks side by side. A 2xx
 * delivers; anything else (another status, no answer within WEBHOOK_TIMEOUT_MS) counts a try and
 * schedules the next after base·2^(tries−1), capped, until WEBHOOK_MAX_ATTEMPTS: then the delivery
 * is dead until replayed. A webhook whose delivery failed gets nothing more in that round: the
 * rest of its deliveries are handed back untried, so one receiver that hangs holds up no other.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: Promise<void>;
  private stopping = false;
  private woken = false;
  private wakeUp?: () => void;

  constructor(
    private readonly orm: MikroORM,
    private readonly webhooks: WebhookRepository,
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

  /** Sleeps until woken, the poll interval passed, or the next retry falls due. */
  private async idle(): Promise<void> {
    let waitMs = this.config.WEBHOOK_POLL_MS;
    try {
      const next = await this.deliveries.nextDueAt(this.em());
      if (next) waitMs = Math.max(0, Math.min(waitMs, next.getTime() - Date.now()));
    } catch (err) {
      this.logger.warn({ err }, 'webhook dispatcher could not read the next retry time');
    }
    if (this.woken || this.stopping) {
      this.woken = false;
      return;
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
    const claimed = await this.deliveries.claimDue(this.em(), WEBHOOK_BATCH, leaseMs);
    if (!claimed.length) return 0;
    const hooks = new Map((await this.webhooks.byIds(this.em(), [...new Set(claimed.map((d) => d.webhookId))])).map((w) => [w.id, w]));
    const byWebhook = new Map<string, ClaimedDelivery[]>();
    for (const d of claimed) byWebhook.set(d.webhookId, [...(byWebhook.get(d.webhookId) ?? []), d]);
    await Promise.all(
      [...byWebhook].map(async ([webhookId, list]) => {
        const w = hooks.get(webhookId);
        // Deleted meanwhile: its deliveries went with it.
        if (!w) return;
        await this.sendInOrder(w, list).catch((err) => this.logger.error({ err, webhookId }, 'webhook deliveries could not be sent or recorded; they are tried again once their lease runs out'));
      }),
    );
    return claimed.length;
  }

  private async sendInOrder(w: WebhookRecord, list: ClaimedDelivery[]): Promise<void> {
    const secret = this.cipher.decrypt(w.secretCiphertext, webhookSecretPlace(w.id));
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const sent = await this.post(w, secret, d);
      const tries = d.attempts + 1;
      const dead = !sent.ok && tries >= this.config.WEBHOOK_MAX_ATTEMPTS;
      const retry = sent.ok ? undefined : dead ? { dead: true as const } : { dead: false as const, at: new Date(Date.now() + webhookBackoffMs(tries, this.config.WEBHOOK_BACKOFF_BASE_MS, this.config.WEBHOOK_BACKOFF_CAP_MS)) };
      await this.em().transactional((em) => this.deliveries.recordTry(em as EntityManager, d.id, d.attempts, { status: sent.status, error: sent.error, durationMs: sent.durationMs, retry }));
      if (dead) this.logger.warn({ webhookId: w.id, deliveryId: d.id, tries, error: sent.error }, 'webhook delivery dead after its last try');
      if (!sent.ok) {
        await this.deliveries.release(this.em(), list.slice(i + 1).map((x) => x.id));
        return;
      }
    }
  }

  private async post(w: WebhookRecord, secret: string, d: ClaimedDelivery): Promise<Sent> {
    const body = webhookBodyText(d.body as unknown as WebhookCloudEvent);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/cloudevents+json',
          'user-agent': 'gov-webhooks/1',
          [WEBHOOK_HEADERS.id]: w.id,
          [WEBHOOK_HEADERS.delivery]: d.id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, body),
        },
        body,
        // A redirect is an answer of the receiver's, not a place to send the event to.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      await res.body?.cancel().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: performance.now() - started };
    } catch (err) {
      return { ok: false, status: null, error: this.describe(err), durationMs: performance.now() - started };
    }
  }

  private describe(err: unknown): string {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`;
    return String(e.cause?.code ?? e.cause?.message ?? e.message ?? err).slice(0, 500);
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}
