import * as oauth from 'oauth4webapi'
import { CHECK_MAX_AGE, type CookieKind } from '../http/cookie-names.js'
import { expireCookie, type Cookie } from '../http/cookies.js'
import { encode, decode } from '../tokens/jwt.js'
import type { RequestContext } from '../context.js'
import type { OAuthCheck, OAuthConfig } from '../providers/types.js'
import { newState } from '../redirect-proxy/state.js'

export type CheckKind = Extract<CookieKind, 'state' | 'pkceCodeVerifier' | 'nonce'>

interface CheckPayload extends Record<string, unknown> {
  /** The secret value (state, code_verifier, nonce). */
  value: string
  /** Provider id the check was minted for. */
  provider: string
}

/** The checks a provider uses: `['pkce', 'state']` by default, plus `nonce` for OIDC. */
export function checksOf(provider: OAuthConfig): Set<OAuthCheck> {
  const list = provider.checks ?? (provider.type === 'oidc' ? ['pkce', 'state', 'nonce'] : ['pkce', 'state'])
  return new Set(list.filter((c) => c !== 'none'))
}

/** Cookie options for check cookies: 15 minutes; SameSite=None for form_post callbacks over https. */
function checkCookieOptions(ctx: RequestContext, kind: CheckKind, formPost: boolean): Cookie['options'] {
  const base = { ...ctx.cookies[kind].options, maxAge: CHECK_MAX_AGE }
  // A response_mode=form_post callback is a cross-site POST: Lax cookies would not be sent.
  if (formPost && ctx.secure) return { ...base, sameSite: 'none', secure: true }
  return base
}

/** Mint a sealed check cookie (JWE, key derived from the cookie name) bound to the provider id. */
export async function sealCheck(
  ctx: RequestContext,
  provider: OAuthConfig,
  kind: CheckKind,
  value: string,
  formPost = false,
): Promise<Cookie> {
  const name = ctx.cookies[kind].name
  const payload: CheckPayload = { value, provider: provider.id }
  const sealed = await encode<CheckPayload>({
    token: payload,
    salt: name,
    secret: ctx.options.secret,
    maxAge: CHECK_MAX_AGE,
    now: ctx.options.now(),
  })
  return { name, value: sealed, options: checkCookieOptions(ctx, kind, formPost) }
}

/**
 * Read a check cookie back. Returns undefined when it is missing, does not decrypt, is expired, or
 * was minted for another provider.
 */
export async function unsealCheck(ctx: RequestContext, provider: OAuthConfig, kind: CheckKind): Promise<string | undefined> {
  const name = ctx.cookies[kind].name
  const raw = ctx.jar.get(name)
  if (!raw) return undefined
  const payload = await decode<CheckPayload>({ token: raw, salt: name, secret: ctx.options.secret, now: ctx.options.now() })
  if (!payload || typeof payload.value !== 'string' || payload.provider !== provider.id) return undefined
  return payload.value
}

/** Cookies that delete every check cookie present on the request. */
export function clearChecks(ctx: RequestContext): Cookie[] {
  const out: Cookie[] = []
  for (const kind of ['state', 'pkceCodeVerifier', 'nonce'] as const) {
    const { name, options } = ctx.cookies[kind]
    if (ctx.jar.has(name)) out.push(expireCookie(name, options))
  }
  return out
}

export interface MintedChecks {
  cookies: Cookie[]
  params: Record<string, string>
}

/** Generate the state / PKCE / nonce values for an authorization request and their cookies. */
export async function mintChecks(ctx: RequestContext, provider: OAuthConfig, formPost: boolean): Promise<MintedChecks> {
  const checks = checksOf(provider)
  const cookies: Cookie[] = []
  const params: Record<string, string> = {}
  if (checks.has('state')) {
    const state = await newState(ctx, provider)
    params.state = state
    cookies.push(await sealCheck(ctx, provider, 'state', state, formPost))
  }
  if (checks.has('pkce')) {
    const verifier = oauth.generateRandomCodeVerifier()
    params.code_challenge = await oauth.calculatePKCECodeChallenge(verifier)
    params.code_challenge_method = 'S256'
    cookies.push(await sealCheck(ctx, provider, 'pkceCodeVerifier', verifier, formPost))
  }
  if (checks.has('nonce')) {
    const nonce = oauth.generateRandomNonce()
    params.nonce = nonce
    cookies.push(await sealCheck(ctx, provider, 'nonce', nonce, formPost))
  }
  return { cookies, params }
}
