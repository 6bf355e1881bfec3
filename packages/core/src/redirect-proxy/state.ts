import * as oauth from 'oauth4webapi'
import type { RequestContext } from '../context.js'
import type { OAuthConfig } from '../providers/types.js'
import { CHECK_MAX_AGE } from '../http/cookie-names.js'
import { decode, encode } from '../tokens/jwt.js'

/** The HKDF salt of proxy states: no cookie or other token decrypts as one, nor the other way round. */
const SALT = 'latch.redirect-proxy.state'

/** What a proxied `state` carries, sealed with AUTH_SECRET (shared by the stable and preview deployments). */
export interface ProxyState extends Record<string, unknown> {
  /** The deployment that started the sign-in: the only one the stable deployment forwards this callback to. */
  origin: string
  /** That deployment's own callback URL for the provider. */
  callback: string
  provider: string
  /** Keeps the state unguessable. */
  random: string
}

/** The auth URL whose callback the provider redirects to: the stable deployment's when this one is a preview. */
export function proxyBase(ctx: RequestContext): string | undefined {
  const url = ctx.options.redirectProxy?.url
  return url && url.origin !== ctx.origin ? url.href.replace(/\/$/, '') : undefined
}

/** A fresh `state` value: random, or (on a preview) a sealed ProxyState bound to this deployment. */
export async function newState(ctx: RequestContext, provider: OAuthConfig): Promise<string> {
  const random = oauth.generateRandomState()
  if (!proxyBase(ctx)) return random
  const payload: ProxyState = { origin: ctx.origin, callback: `${ctx.authUrl}/callback/${encodeURIComponent(provider.id)}`, provider: provider.id, random }
  return encode<ProxyState>({ token: payload, salt: SALT, secret: ctx.options.secret, maxAge: CHECK_MAX_AGE, now: ctx.options.now() })
}

/** The ProxyState in a `state` value, or undefined (a plain random state, tampered, expired or for another provider). */
export async function readState(ctx: RequestContext, provider: OAuthConfig, state: string | undefined): Promise<ProxyState | undefined> {
  if (!state || state.split('.').length !== 5 || state.length > 4096) return undefined
  const p = await decode<ProxyState>({ token: state, salt: SALT, secret: ctx.options.secret, now: ctx.options.now() }).catch(() => null)
  if (!p || typeof p.origin !== 'string' || typeof p.callback !== 'string' || p.provider !== provider.id) return undefined
  return p
}
