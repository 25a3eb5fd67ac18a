/**
 * A signed-in user's session. The access token lives only in memory (never in storage a script could
 * read later); the refresh token, which works once, is kept in sessionStorage so a reload of the tab
 * keeps the login, and closing the tab ends it. The pair is rotated before the access token expires
 * and whenever the gateway answers UNAUTHENTICATED. Reusing a refresh token ends the whole login on the
 * server, so two tabs never share one: each tab has its own sessionStorage.
 */
import { ApiError, GraphQLClient, type TokenSource } from '../api/client.js';
import { LoginDocument, LogoutDocument, MeDocument, RefreshDocument, type MeQuery } from './session.generated.js';

export type Me = MeQuery['me'];

export const REFRESH_KEY = 'gov.console.refresh';
/** Refresh this long before the access token expires, so a request never leaves with a stale one. */
export const REFRESH_MARGIN_SECONDS = 60;

type Listener = (me: Me | null) => void;

/** The session's own operations answer UNAUTHENTICATED for a wrong password or a spent token: never refresh-and-retry them. */
const NO_REFRESH = { refresh: false } as const;

export class Session implements TokenSource {
  readonly client: GraphQLClient;
  private access: string | null = null;
  private current: Me | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly storage: Storage = window.sessionStorage,
    fetchImpl?: typeof fetch,
  ) {
    this.client = new GraphQLClient(this, fetchImpl);
  }

  get me(): Me | null {
    return this.current;
  }

  accessToken(): string | null {
    return this.access;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signs in; throws ApiError (VALIDATION with reason for a throttled or wrong login). */
  async signIn(login: string, password: string): Promise<Me> {
    const { login: pair } = await this.client.request(LoginDocument, { login, password }, NO_REFRESH);
    this.keep(pair);
    return this.loadMe();
  }

  /** After a reload: the kept refresh token, if any, becomes a fresh pair. */
  async resume(): Promise<Me | null> {
    if (!this.storage.getItem(REFRESH_KEY)) return null;
    if (!(await this.refresh())) return null;
    return this.loadMe();
  }

  async signOut(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    try {
      if (refreshToken) await this.client.request(LogoutDocument, { refreshToken }, NO_REFRESH);
    } catch {
      // The server may already have ended the login; signing out locally is what the user asked for.
    }
    this.end();
  }

  refresh(): Promise<boolean> {
    // Concurrent requests that all saw UNAUTHENTICATED share one rotation: a second use of the same
    // refresh token would end the login.
    this.refreshing ??= this.rotate().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async rotate(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_KEY);
    if (!refreshToken) {
      this.end();
      return false;
    }
    this.access = null;
    try {
      const { refreshToken: pair } = await this.client.request(RefreshDocument, { refreshToken }, NO_REFRESH);
      this.keep(pair);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NETWORK') return false;
      this.end();
      return false;
    }
  }

  private keep(pair: { accessToken: string; refreshToken: string; expiresIn: number }): void {
    this.access = pair.accessToken;
    this.storage.setItem(REFRESH_KEY, pair.refreshToken);
    clearTimeout(this.timer);
    const inMs = Math.max(pair.expiresIn - REFRESH_MARGIN_SECONDS, REFRESH_MARGIN_SECONDS / 2) * 1000;
    // A live socket keeps the token it opened with; when the gateway ends its subscriptions for that
    // token's expiry, the client restarts the socket on this one and resubscribes (api/client.ts).
    this.timer = setTimeout(() => void this.refresh(), inMs);
  }

  private async loadMe(): Promise<Me> {
    const { me } = await this.client.request(MeDocument, {});
    this.current = me;
    this.emit();
    return me;
  }

  private end(): void {
    clearTimeout(this.timer);
    this.access = null;
    this.storage.removeItem(REFRESH_KEY);
    this.client.closeSocket();
    const had = this.current !== null;
    this.current = null;
    if (had) this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l(this.current);
  }
}
