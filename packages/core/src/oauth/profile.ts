import * as oauth from 'oauth4webapi'
import type { OAuthConfig, TokenSet, UserinfoConfig } from '../providers/types.js'
import type { Account, Profile, User } from '../types.js'
import { OAuthCallbackError } from '../errors.js'
import { endpointParams } from './discovery.js'
import { transport } from './transport.js'
import { affirmedEmail } from '../providers/provider-defaults.js'

export interface UserinfoInput {
  as: oauth.AuthorizationServer
  client: oauth.Client
  provider: OAuthConfig
  tokens: TokenSet
  fetch: typeof fetch
  dpop?: oauth.DPoPHandle
  /** `sub` of the validated id_token, when there is one: the userinfo `sub` must match it. */
  expectedSubject?: string
}

/** A userinfo config whose `request()` is set. */
type CustomUserinfo = Exclude<UserinfoConfig, string> & { request: NonNullable<Extract<UserinfoConfig, { request?: unknown }>['request']> }

/** Whether a userinfo config is a custom `request()`: then it, not the userinfo endpoint, supplies the profile. */
export function isCustomUserinfo(config: UserinfoConfig | undefined): config is CustomUserinfo {
  return !!config && typeof config === 'object' && 'request' in config && typeof config.request === 'function'
}

/** Fetch the raw profile from the userinfo endpoint (or the provider's custom `request()`). */
export async function fetchUserinfo(input: UserinfoInput): Promise<Record<string, unknown>> {
  const { as, client, provider, tokens, dpop } = input
  const config = provider.userinfo
  if (isCustomUserinfo(config)) {
    const profile = await config.request({ tokens, provider, fetch: input.fetch })
    if (!profile || typeof profile !== 'object') throw new OAuthCallbackError(`Provider "${provider.id}" userinfo request returned no profile`)
    return profile
  }
  if (!as.userinfo_endpoint) throw new OAuthCallbackError(`Provider "${provider.id}" has no userinfo endpoint`)
  if (!tokens.access_token) throw new OAuthCallbackError(`Provider "${provider.id}" returned no access_token`)
  const http = transport(provider, input.fetch)
  const extra = endpointParams(config)
  if (provider.type === 'oidc' || input.expectedSubject !== undefined) {
    // Standard OIDC userinfo: `sub` is required and must equal the id_token's.
    const response = await oauth.userInfoRequest(as, client, tokens.access_token, { ...http, DPoP: dpop })
    const expected = input.expectedSubject ?? oauth.skipSubjectCheck
    return (await oauth.processUserInfoResponse(as, client, expected, response)) as Record<string, unknown>
  }
  // Plain OAuth 2.0 profile APIs (GitHub /user...) have no `sub`: a protected resource GET.
  const url = new URL(as.userinfo_endpoint)
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v)
  const headers = new Headers({ accept: 'application/json' })
  const response = await oauth.protectedResourceRequest(tokens.access_token, 'GET', url, headers, null, { ...http, DPoP: dpop })
  if (!response.ok) throw new OAuthCallbackError(`Provider "${provider.id}" userinfo endpoint answered ${response.status}`)
  const body = (await response.json().catch(() => undefined)) as unknown
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new OAuthCallbackError(`Provider "${provider.id}" userinfo is not a JSON object`)
  return body as Record<string, unknown>
}

/** The default profile mapping: OIDC standard claims, with common OAuth fallbacks. */
export function defaultProfile(profile: Profile): User {
  const id = profile.sub ?? (profile.id as string | number | undefined)
  return {
    id: id === undefined || id === null ? undefined : String(id),
    name: (profile.name ?? profile.nickname ?? profile.preferred_username ?? null) as string | null,
    email: (profile.email ?? null) as string | null,
    emailVerified: affirmedEmail(profile.email_verified),
    image: (profile.picture ?? profile.image ?? null) as string | null,
  }
}

/** Token fields copied into the Account by default (Auth.js v5 compatible). */
export function defaultAccount(tokens: TokenSet, now: number): Partial<Account> {
  const out: Partial<Account> = {}
  const pick = ['access_token', 'id_token', 'refresh_token', 'token_type', 'scope', 'session_state'] as const
  for (const k of pick) if (typeof tokens[k] === 'string') out[k] = tokens[k] as string
  if (typeof tokens.token_type === 'string') out.token_type = tokens.token_type.toLowerCase()
  const expiresIn = typeof tokens.expires_in === 'number' ? tokens.expires_in : Number(tokens.expires_in)
  if (typeof tokens.expires_at === 'number') out.expires_at = tokens.expires_at
  else if (Number.isFinite(expiresIn) && expiresIn > 0) out.expires_at = Math.floor(now + expiresIn)
  return out
}

/** Map profile and tokens through the provider's `profile()` and `account()`. */
export async function mapUser(
  provider: OAuthConfig,
  profile: Profile,
  tokens: TokenSet,
  now: number,
): Promise<{ user: User; account: Account }> {
  const mapped = provider.profile ? await provider.profile(profile as never, tokens) : defaultProfile(profile)
  if (!mapped || typeof mapped !== 'object') throw new OAuthCallbackError(`Provider "${provider.id}" profile() returned no user`)
  const user: User = { ...mapped }
  // The one contract core trusts: a valid Date means the identity provider affirmed the address; anything else
  // (true, "true", a string date, undefined) is "not verified".
  const ev = user.emailVerified
  user.emailVerified = ev instanceof Date && Number.isFinite(ev.getTime()) && typeof user.email === 'string' && user.email ? ev : null
  const rawId = user.id ?? profile.sub ?? (profile.id as unknown)
  if (rawId === undefined || rawId === null || rawId === '') {
    throw new OAuthCallbackError(`Provider "${provider.id}" profile has no account id (profile() must return id)`)
  }
  const providerAccountId = String(rawId)
  if (user.id === undefined || user.id === null) user.id = providerAccountId
  else user.id = String(user.id)
  const base = defaultAccount(tokens, now)
  const extra = provider.account ? await provider.account(tokens) : undefined
  const account: Account = {
    ...(extra ? (extra as Partial<Account>) : base),
    provider: provider.id,
    type: provider.type,
    providerAccountId,
  }
  return { user, account }
}
