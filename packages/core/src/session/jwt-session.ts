import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { JWT } from '../tokens/jwt-types.js'
import { clearChunked, readChunked, writeChunked } from '../http/chunks.js'
import { decodeLegacy } from '../tokens/jwt.js'

export interface FoundToken {
  token: JWT
  /** `legacy` when read from a NextAuth v4 cookie (re-issued as a v5 cookie on first read). */
  source: 'current' | 'legacy'
}

/** NextAuth v4 session cookie names: the https (`__Secure-`) one, then the plain one. */
export const LEGACY_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const

/** Whether any session cookie (current or legacy, whole or chunked) came with the request. */
export function hasSessionCookie(ctx: RequestContext): boolean {
  const name = ctx.cookies.sessionToken.name
  for (const key of ctx.jar.keys()) if (key === name || key.startsWith(name + '.')) return true
  return false
}

/** Decode the session JWT of this request; null when absent or invalid (no exception for bad input). */
export async function readJwtSession(ctx: RequestContext): Promise<FoundToken | null> {
  const { options } = ctx
  const raw = readChunked(ctx.jar, ctx.cookies.sessionToken.name)
  if (raw) {
    let token: JWT | null = null
    try {
      token = await options.jwt.decode({ token: raw, salt: ctx.cookies.sessionToken.name, secret: options.secret, now: options.now() })
    } catch (e) {
      options.logger.debug('custom jwt.decode threw; treating the session as absent', { name: (e as Error)?.name })
    }
    return token ? { token, source: 'current' } : null
  }
  if (options.config.legacy?.nextAuthV4) {
    for (const name of LEGACY_NAMES) {
      const legacy = readChunked(ctx.jar, name)
      if (!legacy) continue
      const token = await decodeLegacy<JWT>({ token: legacy, secret: options.secret, now: options.now() })
      if (token) return { token, source: 'legacy' }
    }
  }
  return null
}

/** Cookies that store `token` as the session (chunked when large). */
export async function writeJwtSession(ctx: RequestContext, token: JWT): Promise<Cookie[]> {
  const { options } = ctx
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token
  const value = await options.jwt.encode({
    token: claims,
    salt: ctx.cookies.sessionToken.name,
    secret: options.secret,
    maxAge: options.jwt.maxAge,
    now: options.now(),
  })
  const expires = new Date((options.now() + options.session.maxAge) * 1000)
  const cookies = writeChunked(ctx.jar, ctx.cookies.sessionToken.name, value, { ...ctx.cookies.sessionToken.options, expires })
  return [...cookies, ...clearLegacy(ctx)]
}

/** Cookies that remove the session cookie and every chunk of it. */
export function clearSession(ctx: RequestContext): Cookie[] {
  return [...clearChunked(ctx.jar, ctx.cookies.sessionToken.name, ctx.cookies.sessionToken.options), ...clearLegacy(ctx)]
}

function clearLegacy(ctx: RequestContext): Cookie[] {
  if (!ctx.options.config.legacy?.nextAuthV4) return []
  return LEGACY_NAMES.flatMap((n) => clearChunked(ctx.jar, n, { ...ctx.cookies.sessionToken.options, secure: n.startsWith('__Secure-') }))
}
