import { AppError, type DomainEvent } from '@gov/kernel';

/**
 * Live updates (GraphQL subscriptions over graphql-ws). The gateway holds one NATS subscription
 * per aggregate it is asked about and fans its events out to the subscribers here; a service's
 * GraphQL lib says, per subscription field, which events concern it and how to re-read the object
 * *as the subscriber* for every one of them, so nothing is pushed that the service would not answer
 * that caller now. This library has no messaging code: the gateway supplies the `LiveSource`.
 */

/** Which events a subscriber follows: one aggregate of one service, narrowed to one object or one county. */
export interface LiveTopic {
  /** The publishing service, e.g. `petitions` (ce-type `gov.<service>.<aggregate>.<event>.v<N>`). */
  service: string;
  /** The aggregate, e.g. `petition`. */
  aggregate: string;
  /** One object's events only: its id (the CloudEvents `subject`). */
  subject?: string;
  /** One county's events only: the county token of the subject (`dongbao` for jingmen/dongbao, `ce-county`). */
  county?: string;
}

export type LiveListener = (event: DomainEvent) => void;

/** The gateway's event feed. */
export interface LiveSource {
  /**
   * Starts delivering the topics' events to `listener`; resolves once NATS has the interest (an
   * event committed after that is delivered), with the function that stops the delivery.
   */
  watch(topics: readonly LiveTopic[], listener: LiveListener): Promise<() => void>;
}

/** What a subscription field follows and how it turns events into pushes. */
export interface FollowSpec<T> {
  topics: readonly LiveTopic[];
  /**
   * Runs at subscribe time, after the topics are watched (so no event is missed in between): a
   * thrown error (NOT_FOUND for another county's object) refuses the subscription; a value is
   * pushed first, so a client that (re)subscribes starts from the current state; null pushes nothing.
   */
  initial?: () => Promise<T | null>;
  /**
   * For each event of the topics: the value to push — re-read through the service as the
   * subscriber — or null to push nothing. A thrown error (FORBIDDEN, NOT_FOUND once a role was
   * revoked, UNAUTHENTICATED once the token expired) ends the subscription with that error.
   */
  onEvent: (event: DomainEvent) => Promise<T | null>;
  /** After the subscriber's authority shrank (a role revoked): the same contract as onEvent. Default: nothing. */
  recheck?: () => Promise<T | null>;
  /** At most one push per this many milliseconds; events in between are merged into one re-read. */
  minIntervalMs?: number;
  /** Pending events are merged into one re-read (the latest wins) when the answer depends on no single event. */
  coalesce?: boolean;
}

/** Subscriptions of one WebSocket connection: GqlContext.live. */
export interface LiveContext {
  follow<T>(spec: FollowSpec<T>): Promise<AsyncIterableIterator<T>>;
}

/** `reason` of the error that ends a subscriber that fell behind (its connection is closed too). */
export const SLOW_CONSUMER = 'SLOW_CONSUMER';

export interface LiveConnectionOptions {
  source: LiveSource;
  /** Events (and re-checks) one subscription may have waiting; one more ends it and calls onOverflow. */
  maxQueue: number;
  /** A subscriber fell behind: the gateway closes the connection rather than buffer for it. */
  onOverflow: () => void;
}

/**
 * The subscriptions of one connection. Each is an async iterator with a bounded queue of pending
 * events: the re-read for an event runs when the client has taken the previous push, so a slow
 * client holds at most `maxQueue` events before it is disconnected.
 */
export class LiveConnection {
  private readonly streams = new Set<LiveStream<unknown>>();

  constructor(private readonly opts: LiveConnectionOptions) {}

  /** `beforePush` runs before each value is handed to GraphQL (the gateway empties the subscription's loaders there). */
  async follow<T>(spec: FollowSpec<T>, hooks: { beforePush?: () => void } = {}): Promise<AsyncIterableIterator<T>> {
    const stream = new LiveStream<T>(spec, this.opts, hooks.beforePush, () => this.streams.delete(stream as LiveStream<unknown>));
    this.streams.add(stream as LiveStream<unknown>);
    try {
      await stream.start();
    } catch (err) {
      await stream.return();
      throw err;
    }
    return stream;
  }

  /** The subscriber's authority shrank: every subscription re-checks at once, not only at its next event. */
  recheck(): void {
    for (const s of this.streams) s.enqueue({ kind: 'recheck' });
  }

  /** How many subscriptions are open (metrics, tests). */
  get size(): number {
    return this.streams.size;
  }

  close(): void {
    for (const s of [...this.streams]) void s.return();
  }
}

type Item<T> = { kind: 'value'; value: T } | { kind: 'event'; event: DomainEvent } | { kind: 'recheck' };

class LiveStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: Item<T>[] = [];
  private ended = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Cuts a throttle wait short when the stream ends (new events do not). */
  private endWait: (() => void) | null = null;
  private unwatch: (() => void) | null = null;
  private lastPushAt = 0;

  constructor(
    private readonly spec: FollowSpec<T>,
    private readonly opts: LiveConnectionOptions,
    private readonly beforePush: (() => void) | undefined,
    private readonly onEnd: () => void,
  ) {}

  async start(): Promise<void> {
    const unwatch = await this.opts.source.watch(this.spec.topics, (event) => this.enqueue({ kind: 'event', event }));
    if (this.ended) return unwatch();
    this.unwatch = unwatch;
    const first = this.spec.initial ? await this.spec.initial() : null;
    // Events that arrived during the initial read come after it: it may already show them.
    if (first !== null) this.queue.unshift({ kind: 'value', value: first });
  }

  enqueue(item: Item<T>): void {
    if (this.ended) return;
    if (this.spec.coalesce) {
      for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.kind !== 'value') this.queue.splice(i, 1);
    } else if (item.kind === 'recheck' && this.queue.some((q) => q.kind === 'recheck')) {
      return;
    }
    if (this.queue.filter((q) => q.kind !== 'value').length >= this.opts.maxQueue) {
      this.finish(new AppError('UNAVAILABLE', `the subscriber fell ${this.opts.maxQueue} updates behind; reconnect to resume`, SLOW_CONSUMER));
      this.opts.onOverflow();
      return;
    }
    this.queue.push(item);
    this.wakeUp();
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.ended && (this.failure !== null || this.queue.length === 0)) return this.done();
      const item = this.queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (item.kind === 'value') return this.push(item.value);
      if (!(await this.throttle())) continue;
      // Merged meanwhile (coalesce): the latest pending trigger stands for all of them.
      const trigger = this.spec.coalesce ? (this.queue.splice(0).filter((q) => q.kind !== 'value').pop() ?? item) : item;
      let value: T | null;
      try {
        value = trigger.kind === 'event' ? await this.spec.onEvent(trigger.event) : this.spec.recheck ? await this.spec.recheck() : null;
      } catch (err) {
        this.finish(err);
        return this.done();
      }
      if (this.ended) return this.done();
      if (value !== null) return this.push(value);
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.finish(null);
    this.failure = null;
    return { value: undefined, done: true };
  }

  async throw(err: unknown): Promise<IteratorResult<T>> {
    this.finish(null);
    throw err;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Waits out the minimum interval since the last push; false when the stream ended meanwhile. */
  private async throttle(): Promise<boolean> {
    const wait = (this.spec.minIntervalMs ?? 0) - (Date.now() - this.lastPushAt);
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        this.endWait = resolve;
        this.timer = setTimeout(resolve, wait);
      });
      this.timer = null;
      this.endWait = null;
    }
    return !this.ended;
  }

  private push(value: T): IteratorResult<T> {
    this.lastPushAt = Date.now();
    this.beforePush?.();
    return { value, done: false };
  }

  /** Ends with the error (thrown once by next) or quietly. */
  private done(): IteratorResult<T> {
    if (this.failure !== null) {
      const err = this.failure;
      this.failure = null;
      throw err;
    }
    return { value: undefined, done: true };
  }

  private finish(err: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = err ?? null;
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.endWait?.();
    this.unwatch?.();
    this.unwatch = null;
    this.onEnd();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
