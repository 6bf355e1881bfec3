/**
 * Latch for Next.js 16 (and 15.5), with the Auth.js v5 API:
 *
 *   // auth.ts
 *   export const { handlers, auth, signIn, signOut } = NextAuth({ providers: [...] })
 *   // app/api/auth/[...nextauth]/route.ts
 *   export const { GET, POST } = handlers
 *   // proxy.ts (Next 16) or middleware.ts (Next 15)
 *   export { auth as proxy } from './auth'
 *
 * AUTH_SECRET and AUTH_URL come from the environment (NEXTAUTH_SECRET / NEXTAUTH_URL too); the auth routes
 * live under `/api/auth` unless `basePath` (or the path of AUTH_URL) says otherwise.
 */
import { Auth, setWaitUntil, type Session } from '@latch/core'
import type { NextRequest } from 'next/server'
import { prepare, resolver, type NextAuthConfig, type NextAuthConfigInput } from './lib/config.js'
import { createAuth, type AuthFunction, type NodeRequestLike, type NodeResponseLike } from './lib/auth.js'
import { createActions, type AuthorizationParams, type SignInOptions, type SignOutOptions } from './lib/actions.js'
import { handlePagesRequest, type NodeApiRequest, type NodeApiResponse } from './lib/pages-handler.js'
import { createAccount } from './lib/account.js'
import { nextAfter } from './lib/after.js'
import type { AccountHelpers } from '@latch/core/account'

export type { NextAuthConfig, NextAuthConfigInput, NextAuthCallbacks, AuthorizedResult } from './lib/config.js'
export type { AuthFunction, NextAuthRequest, AuthHandler, WrappedHandler, NodeRequestLike, NodeResponseLike } from './lib/auth.js'
export type { SignInOptions, SignOutOptions, AuthorizationParams } from './lib/actions.js'
export type { Session, DefaultSession, User, DefaultUser, Account, Profile, JWT, DefaultJWT, AuthConfig, ISODateString } from '@latch/core'
/** NextAuth v4's name for the options object (`authOptions`). */
export type NextAuthOptions = NextAuthConfig
/** NextAuth v4's other name for the options object. */
export type AuthOptions = NextAuthConfig
export { AuthError, CredentialsSignin, customFetch, skipCSRFCheck } from '@latch/core'
export type { AccountHelpers } from '@latch/core/account'

export type RouteHandler = (request: NextRequest, context?: unknown) => Promise<Response>

export interface NextAuthResult {
  /** `export const { GET, POST } = handlers` in `app/api/auth/[...nextauth]/route.ts`. */
  handlers: { GET: RouteHandler; POST: RouteHandler }
  auth: AuthFunction
  signIn: (provider?: string, options?: SignInOptions | FormData, authorizationParams?: AuthorizationParams) => Promise<string>
  signOut: (options?: SignOutOptions) => Promise<string>
  unstable_update: (data: Partial<Session> | Record<string, unknown>) => Promise<Session | null>
  /** Account management for the signed-in user (server actions, route handlers): see @latch/core/account. */
  account: () => Promise<AccountHelpers>
}

/**
 * The result is also callable, as v4's `NextAuth(options)` was: `export { handler as GET, handler as POST }`
 * in the app router, or `export default NextAuth(options)` in `pages/api/auth/[...nextauth].ts`.
 */
export type NextAuthHandler = NextAuthResult & {
  (request: NextRequest, context?: unknown): Promise<Response>
  (req: NodeApiRequest, res: NodeApiResponse): Promise<void>
}

export default function NextAuth(config: NextAuthConfigInput): NextAuthHandler {
  const resolve = resolver(config)
  const handle: RouteHandler = async (request) => Auth(setWaitUntil(request, await nextAfter()), (await resolve(request)).config)
  const actions = createActions(resolve)
  const callable = async (first: unknown, second?: unknown): Promise<Response | void> => {
    if (first instanceof Request || typeof (first as Request)?.headers?.get === 'function') return handle(first as NextRequest)
    return handlePagesRequest(await resolve(undefined), first as NodeApiRequest, second as NodeApiResponse)
  }
  return Object.assign(callable, {
    handlers: { GET: handle, POST: handle },
    auth: createAuth(resolve),
    signIn: actions.signIn,
    signOut: actions.signOut,
    unstable_update: actions.update,
    account: createAccount(resolve),
  }) as NextAuthHandler
}

export { NextAuth }

/**
 * v4's session lookup: `getServerSession(req, res, authOptions)` in API routes and getServerSideProps,
 * `getServerSession(authOptions)` in server components and route handlers.
 */
export async function getServerSession(options: NextAuthConfig): Promise<Session | null>
export async function getServerSession(req: NodeRequestLike, res: NodeResponseLike, options: NextAuthConfig): Promise<Session | null>
export async function getServerSession(...args: unknown[]): Promise<Session | null> {
  const options = args[args.length - 1] as NextAuthConfig | undefined
  if (!options || typeof options !== 'object' || !('providers' in options)) {
    throw new TypeError('@latch/next: getServerSession needs your auth options as its last argument')
  }
  const p = prepare(options)
  const auth = createAuth(async () => p)
  if (args.length >= 3) return auth(args[0] as NodeRequestLike, args[1] as NodeResponseLike)
  return auth()
}

/** v4 name of `getServerSession`. */
export const unstable_getServerSession = getServerSession
