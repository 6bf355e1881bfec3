import type { ResolvedConfig } from '../context.js'
import type { AuthConfig } from '../types.js'
import type { Provider } from '../providers/types.js'
import { resolveCookies, type CookiesOptions } from '../http/cookie-names.js'
import { DEFAULT_MAX_AGE } from '../tokens/jwt.js'
import { decodeSession, encodeSession } from '../session/jwt-codec.js'
import { Configuration, MissingSecret } from '../errors.js'
import { customFetch, skipCSRFCheck } from '../symbols.js'
import { createLogger } from './logger.js'
import { defaultCallbacks } from './defaults.js'
import { normalizeBasePath } from '../http/paths.js'

const cache = new WeakMap<AuthConfig, ResolvedConfig>()

/** session.versionCacheMaxAge's default, in seconds (session/version-cache.ts). */
export const DEFAULT_VERSION_CACHE_MAX_AGE = 5

/** 32 random bytes as hex: the default database session token. */
function randomToken(): string {
  let out = ''
  for (const b of crypto.getRandomValues(new Uint8Array(32))) out += (b < 16 ? '0' : '') + b.toString(16)
  return out
}

function resolveProviders(config: AuthConfig): Provider[] {
  const seen = new Set<string>()
  return (config.providers ?? []).map((input) => {
    const p = typeof input === 'function' ? input() : input
    if (!p || typeof p !== 'object' || typeof p.id !== 'string' || !p.id) {
      throw new Configuration('Every provider needs an `id`: check config.providers')
    }
    if (!/^[A-Za-z0-9_-]+$/.test(p.id)) {
      throw new Configuration(`Provider id "${p.id}" may only contain letters, digits, "-" and "_"`)
    }
    if (seen.has(p.id)) throw new Configuration(`Two providers share the id "${p.id}": give one an explicit \`id\``)
    seen.add(p.id)
    return p
  })
}

function resolveUrl(url: AuthConfig['url']): URL | undefined {
  if (url === undefined || url === '') return undefined
  try {
    const u = new URL(String(url))
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol')
    return u
  } catch {
    throw new Configuration(`AUTH_URL / config.url is not a valid http(s) URL: ${String(url)}`)
  }
}

/**
 * Fill in defaults once per config object (cached in a WeakMap). The user's config is read, never written.
 * Throws a Configuration/MissingSecret error naming what to fix.
 */
export function resolveConfig(config: AuthConfig): ResolvedConfig {
  const hit = cache.get(config)
  if (hit) return hit
  const secret = (Array.isArray(config.secret) ? config.secret : [config.secret]).filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  )
  if (!secret.length) throw new MissingSecret()
  const url = resolveUrl(config.url)
  let basePath = normalizeBasePath(config.basePath ?? (url && url.pathname !== '/' ? url.pathname : '/auth'))
  const adapter = config.adapter
  const strategy = config.session?.strategy ?? (adapter ? 'database' : 'jwt')
  if (strategy !== 'jwt' && strategy !== 'database') throw new Configuration(`session.strategy must be "jwt" or "database", got "${String(strategy)}"`)
  if (strategy === 'database' && !adapter) throw new Configuration('session.strategy "database" needs config.adapter')
  const maxAge = config.session?.maxAge ?? DEFAULT_MAX_AGE
  const cookieCache = new Map<boolean, CookiesOptions>()
  const clock = config.clock
  const resolved: ResolvedConfig = {
    config,
    providers: resolveProviders(config),
    secret,
    basePath,
    url,
    trustHost: config.trustHost === true,
    // redirectProxy: filled by auth.ts before the first request that needs it (redirect-proxy/config.ts loads then).
    session: {
      strategy,
      maxAge,
      updateAge: config.session?.updateAge ?? 24 * 60 * 60,
      generateSessionToken: config.session?.generateSessionToken ?? randomToken,
      versionCacheMaxAge: versionCacheMaxAge(config.session?.versionCacheMaxAge),
      cookieCache: resolveCookieCache(config.session?.cookieCache),
      freshAge: freshAge(config.session?.freshAge),
    },
    jwt: { maxAge: config.jwt?.maxAge ?? maxAge, encode: config.jwt?.encode ?? encodeSession, decode: config.jwt?.decode ?? decodeSession },
    pages: { ...config.pages },
    theme: { colorScheme: 'auto', ...config.theme },
    callbacks: { ...defaultCallbacks, ...stripUndefined(config.callbacks) },
    events: { ...config.events },
    adapter,
    logger: createLogger(config.logger, config.debug === true),
    skipCSRFCheck: config.skipCSRFCheck === skipCSRFCheck,
    fetch: config[customFetch] ?? ((...args: Parameters<typeof fetch>) => fetch(...args)),
    now: clock ?? (() => Math.floor(Date.now() / 1000)),
    cookiesFor(secure) {
      let c = cookieCache.get(secure)
      if (!c) cookieCache.set(secure, (c = resolveCookies(config.useSecureCookies ?? secure, config.cookies)))
      return c
    },
  }
  // Providers missing AUTH_<ID>_ID / _SECRET are reported by auth.ts on the first request (diagnostics/provider-setup.ts).
  cache.set(config, resolved)
  return resolved
}

function versionCacheMaxAge(value: number | undefined): number {
  if (value === undefined) return DEFAULT_VERSION_CACHE_MAX_AGE
  if (typeof value !== 'number' || !(value >= 0) || value > 300) {
    throw new Configuration('session.versionCacheMaxAge must be a number of seconds from 0 (no cache) to 300')
  }
  return value
}

/** session.freshAge (session/signed-in.ts): how recent a sign-in sensitive actions need. */
function freshAge(value: number | undefined): number {
  if (value === undefined) return 600
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 86_400) {
    throw new Configuration('session.freshAge must be a whole number of seconds from 0 to 86400')
  }
  return value
}

/** session.cookieCache (session/cookie-cache.ts): at most 300 s, the staleness a revoked session may have. */
function resolveCookieCache(value: { maxAge: number } | undefined): { maxAge: number } | undefined {
  if (value === undefined) return undefined
  const maxAge = value && typeof value === 'object' ? value.maxAge : undefined
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1 || maxAge > 300) {
    throw new Configuration(`session.cookieCache.maxAge must be a whole number of seconds from 1 to 300`)
  }
  return { maxAge }
}

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {}
  if (!o) return out
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v
  return out
}
