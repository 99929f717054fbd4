import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { api, tokenStore } from '../api/client';
import type { Me } from '../api/models';
import { unwrap } from '../api/problem';

interface Session {
  me: Me | null;
  loading: boolean;
  logIn(login: string, password: string): Promise<void>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is logged in, from GET /auth/me with the stored token; no token or a refused one means nobody. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    enabled: tokenStore.get() !== null,
    retry: false,
    queryFn: async () => unwrap(await api.GET('/auth/me')),
  });
  const session: Session = {
    me: tokenStore.get() && me.data ? me.data : null,
    loading: tokenStore.get() !== null && me.isPending,
    async logIn(login, password) {
      const answer = unwrap(await api.POST('/auth/login', { body: { login, password } }));
      tokenStore.set(answer.token);
      client.setQueryData(['me'], answer.user);
    },
    async logOut() {
      await api.POST('/auth/logout');
      tokenStore.clear();
      client.clear();
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
