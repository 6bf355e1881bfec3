'use client'
/**
 * The React client of @latch/next (a client module: import it from client components only).
 *
 *   <SessionProvider session={await auth()}>{children}</SessionProvider>
 *   const { data, status, update } = useSession({ required: true })
 */
export { SessionProvider, SessionContext, useSession } from './session-provider.js'
export type { SessionContextValue, SessionProviderProps, SessionStatus, UseSessionOptions } from './session-provider.js'
export { getSession, getCsrfToken, getProviders, signIn, signOut } from './client.js'
export type { ClientProvider, Session, SignInOptions, SignInResponse, SignOutOptions } from './client.js'
