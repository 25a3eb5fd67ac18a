import type { DomainEvent } from '@gov/kernel';
import type { LiveListener, LiveSource, LiveTopic } from '@gov/platform-graphql';
import { fromCloudEvent, type Namespace } from '@gov/platform-messaging';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';

/** `gov.<service>.<aggregate>.<event>.v<N>` → `<service>.<aggregate>`. */
const AGGREGATE_OF_TYPE = /^gov\.([a-z0-9-]+)\.([a-z0-9-]+)\.[a-z0-9-]+\.v\d+$/;

/**
 * The gateway's live feed: one core NATS subscription per aggregate any subscriber has asked
 * about (`evt.*.<service>.<aggregate>.>`, under the deployment's subject prefix), made the first
 * time it is asked for and kept for the life of the process, each event decoded once and handed
 * to the listeners of its aggregate, of its object (`ce-subject`) and of its county (`ce-county`).
 *
 * Core NATS, not a JetStream consumer: a subscriber wants what happens from now on, and one that
 * reconnects (a gateway restart) starts again from the current state its subscription pushes first.
 */
export class NatsLiveFeed implements LiveSource {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly logger: Logger,
  ) {}

  async watch(topics: readonly LiveTopic[], listener: LiveListener): Promise<() => void> {
    const keys = topics.map(keyOf);
    for (const key of keys) {
      let set = this.listeners.get(key);
      if (!set) this.listeners.set(key, (set = new Set()));
      set.add(listener);
    }
    const stop = () => {
      for (const key of keys) {
        const set = this.listeners.get(key);
        set?.delete(listener);
        if (set?.size === 0) this.listeners.delete(key);
      }
    };
    let fresh = false;
    for (const t of topics) fresh = this.ensureSubscription(t.service, t.aggregate) || fresh;
    // The server has a new subscription's interest once a round trip after it has completed.
    if (fresh) await this.nc.flush().catch((err: unknown) => (stop(), Promise.reject(err)));
    return stop;
  }

  /** Listeners and NATS subscriptions now open (tests, metrics). */
  get stats(): { subscriptions: number; listeners: number } {
    let listeners = 0;
    for (const s of this.listeners.values()) listeners += s.size;
    return { subscriptions: this.subscriptions.size, listeners };
  }

  close(): void {
    this.closed = true;
    for (const s of this.subscriptions.values()) s.unsubscribe();
    this.subscriptions.clear();
    this.listeners.clear();
  }

  /** True when the subscription was made now. */
  private ensureSubscription(service: string, aggregate: string): boolean {
    const name = `${service}.${aggregate}`;
    if (this.closed || this.subscriptions.has(name)) return false;
    const subject = this.ns.subject(`evt.*.${service}.${aggregate}.>`);
    this.subscriptions.set(name, this.nc.subscribe(subject, { callback: (err, msg) => (err ? this.logger.error({ err, subject }, 'live feed subscription failed') : this.dispatch(msg)) }));
    this.logger.debug({ subject }, 'live feed subscribed');
    return true;
  }

  private dispatch(msg: Msg): void {
    let event: DomainEvent;
    try {
      event = fromCloudEvent(msg.headers, msg.data);
    } catch (err) {
      this.logger.warn({ err, subject: msg.subject }, 'live feed: not a CloudEvents message, skipped');
      return;
    }
    const m = AGGREGATE_OF_TYPE.exec(event.type);
    if (!m) return;
    const aggregate = `${m[1]}.${m[2]}`;
    for (const key of [aggregate, `${aggregate}|s:${event.subject}`, `${aggregate}|c:${event.county}`]) {
      const set = this.listeners.get(key);
      if (!set) continue;
      for (const listener of [...set]) {
        try {
          listener(event);
        } catch (err) {
          this.logger.error({ err, type: event.type }, 'live feed listener failed');
        }
      }
    }
  }
}

function keyOf(t: LiveTopic): string {
  const aggregate = `${t.service}.${t.aggregate}`;
  if (t.subject) return `${aggregate}|s:${t.subject}`;
  if (t.county) return `${aggregate}|c:${t.county}`;
  return aggregate;
}
