import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { GraphQLClient } from '../api/client.js';
import type { Me, Session } from '../auth/session.js';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}

/** The signed-in user; re-renders on sign-in and sign-out. */
export function useMe(): Me | null {
  const session = useSession();
  const [me, setMe] = useState(session.me);
  useEffect(() => session.onChange(setMe), [session]);
  return me;
}

export function useClient(): GraphQLClient {
  return useSession().client;
}
