import { AppError, type DomainEvent } from '@gov/kernel';
import { LiveConnection, SLOW_CONSUMER, type LiveListener, type LiveSource, type LiveTopic } from './live.js';

/** A feed the test drives: `emit` hands an event to every listener. */
class FakeSource implements LiveSource {
  readonly listeners = new Set<LiveListener>();
  watched: LiveTopic[][] = [];

  async watch(topics: readonly LiveTopic[], listener: LiveListener): Promise<() => void> {
    this.watched.push([...topics]);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(subject: string): void {
    const event: DomainEvent = { id: subject, type: 'gov.petitions.petition.screened.v1', source: '', subject, time: '', county: 'dongbao', data: {} };
    for (const l of [...this.listeners]) l(event);
  }
}

const TOPICS = [{ service: 'petitions', aggregate: 'petition', subject: 'p1' }];

describe('LiveConnection', () => {
  it('pushes the initial view first, then one re-read per event, and stops listening when the client completes', async () => {
    const source = new FakeSource();
    const conn = new LiveConnection({ source, maxQueue: 8, onOverflow: () => undefined });
    let version = 0;
    const read = async () => `v${++version}`;
    const it = await conn.follow({ topics: TOPICS, initial: read, onEvent: read });
    expect(source.watched).toEqual([TOPICS]);
    source.emit('p1');
    source.emit('p1');
    expect(await it.next()).toEqual({ value: 'v1', done: false });
    expect(await it.next()).toEqual({ value: 'v2', done: false });
    expect(await it.next()).toEqual({ value: 'v3', done: false });
    await it.return!();
    expect(source.listeners.size).toBe(0);
    expect(conn.size).toBe(0);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('refuses the subscription when the initial read is refused, and listens no more', async () => {
    const source = new FakeSource();
    const conn = new LiveConnection({ source, maxQueue: 8, onOverflow: () => undefined });
    const refused = new AppError('NOT_FOUND', 'no such petition');
    await expect(conn.follow({ topics: TOPICS, initial: () => Promise.reject(refused), onEvent: async () => 'x' })).rejects.toBe(refused);
    expect(source.listeners.size).toBe(0);
  });

  it('ends with the refusal of a re-read (a revoked role) and pushes nothing after it', async () => {
    const source = new FakeSource();
    const conn = new LiveConnection({ source, maxQueue: 8, onOverflow: () => undefined });
    let allowed = true;
    const read = async () => {
      if (!allowed) throw new AppError('FORBIDDEN', 'not yours any more');
      return 'view';
    };
    const it = await conn.follow({ topics: TOPICS, initial: read, onEvent: read, recheck: async () => (await read(), null) });
    expect((await it.next()).value).toBe('view');
    allowed = false;
    conn.recheck();
    await expect(it.next()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    source.emit('p1');
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(source.listeners.size).toBe(0);
  });

  it('skips events whose re-read answers null', async () => {
    const source = new FakeSource();
    const conn = new LiveConnection({ source, maxQueue: 8, onOverflow: () => undefined });
    const it = await conn.follow({ topics: TOPICS, onEvent: async (e) => (e.subject === 'far' ? null : e.subject) });
    source.emit('far');
    source.emit('near');
    expect(await it.next()).toEqual({ value: 'near', done: false });
  });

  it('disconnects a subscriber that falls maxQueue events behind instead of buffering for it', async () => {
    const source = new FakeSource();
    let overflows = 0;
    const conn = new LiveConnection({ source, maxQueue: 3, onOverflow: () => void overflows++ });
    const it = await conn.follow({ topics: TOPICS, onEvent: async (e) => e.id });
    for (let i = 0; i < 3; i++) source.emit('p1');
    expect(overflows).toBe(0);
    source.emit('p1');
    expect(overflows).toBe(1);
    await expect(it.next()).rejects.toMatchObject({ code: 'UNAVAILABLE', reason: SLOW_CONSUMER });
    expect(source.listeners.size).toBe(0);
  });

  it('merges events into one re-read and pushes at most once per interval when throttled', async () => {
    const source = new FakeSource();
    const conn = new LiveConnection({ source, maxQueue: 2, onOverflow: () => undefined });
    let reads = 0;
    const it = await conn.follow({ topics: TOPICS, initial: async () => `r${reads++}`, onEvent: async () => `r${reads++}`, coalesce: true, minIntervalMs: 150 });
    expect((await it.next()).value).toBe('r0');
    const pushedAt = Date.now();
    // Many events, none refused for the bounded queue: they stand for one re-read.
    for (let i = 0; i < 10; i++) source.emit('p1');
    expect((await it.next()).value).toBe('r1');
    expect(Date.now() - pushedAt).toBeGreaterThanOrEqual(140);
    expect(reads).toBe(2);
  });

  it('ends every subscription of the connection when it closes', async () => {
    const source = new FakeSource();
    const conn = new LiveConnection({ source, maxQueue: 8, onOverflow: () => undefined });
    const a = await conn.follow({ topics: TOPICS, onEvent: async () => 'a' });
    const b = await conn.follow({ topics: TOPICS, onEvent: async () => 'b' });
    const pending = a.next();
    conn.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(await b.next()).toEqual({ value: undefined, done: true });
    expect(source.listeners.size).toBe(0);
  });
});
