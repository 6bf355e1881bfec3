import type { RequestContext, ResolvedConfig, ResponseInternal } from '../context.js'
import { clientAddressOf } from '../http/client-address.js'
import { lastForwarded } from '../http/forwarded.js'
import type { AuthConfig } from '../types.js'
import type { RateLimitConfig, RateLimitRule, RateLimitStore } from './types.js'
import { AdapterError } from '../errors.js'
import { html, layout } from '../pages/html.js'
import { pageUrl } from '../http/redirect.js'
import { returnsUrl } from '../http/return-url.js'
import { MemoryRateLimitStore } from './memory.js'
import { ipKey } from './ip.js'
import { storeError } from '../store/outage.js'

export const DEFAULT_IDENTIFIER_RULE: RateLimitRule = { max: 10, windowSeconds: 15 * 60 }
export const DEFAULT_IP_RULE: RateLimitRule = { max: 50, windowSeconds: 15 * 60 }

/**
 * The in-memory stores used when none is configured, one per app. An app is its secrets and base path, not a
 * config object: a config built per request (Auth.js's lazy initialisation, `NextAuth((req) => ({ ... }))`)
 * or copied per mount must not start a fresh window each time.
 */
const defaultStores = new Map<string, RateLimitStore>()

function settings(config: AuthConfig): RateLimitConfig | null {
  const rl = config.rateLimit
  if (rl === false || rl?.enabled === false) return null
  return rl ?? {}
}

function storeFor(options: ResolvedConfig, rl: RateLimitConfig): RateLimitStore {
  if (rl.store) return rl.store
  const app = `${options.basePath}\0${options.secret.join('\0')}`
  let s = defaultStores.get(app)
  if (!s) defaultStores.set(app, (s = new MemoryRateLimitStore()))
  return s
}

/**
 * The client's address: the configured hook, else what the framework integration recorded for this Request
 * (`setClientAddress`), else a trusted proxy's X-Forwarded-For.
 */
async function clientIp(ctx: RequestContext, rl: RateLimitConfig): Promise<string | null | undefined> {
  if (rl.clientIp) return rl.clientIp(ctx.request)
  const recorded = clientAddressOf(ctx.request)
  if (recorded) return recorded
  if (!ctx.options.trustHost) return undefined
  return lastForwarded(ctx.request.headers.get('x-forwarded-for'))
}

/** NFKC + lower-case + trim, so `Ada`, `ada ` and `ａｄａ` share one counter. */
export function identifierKey(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().slice(0, 320)
}

export interface LimitResult {
  /** Seconds to wait, when limited. */
  retryAfter?: number
  /**
   * Call after a successful sign-in with the identifiers of the account that signed in (default: the one counted,
   * when exactly one was): forgets their counters, and only theirs.
   */
  succeeded(identifiers?: string[]): Promise<void>
}

/**
 * Count one attempt of `kind` for each identifier and for the client IP. Limited when any counter passes its rule:
 * the per-identifier and per-address limits both apply. A store failure is an AdapterError: failing open would
 * disable the limit silently.
 */
export async function rateLimit(
  ctx: RequestContext,
  kind: 'credentials' | 'email' | 'two-factor' | 'password' | 'password-mail' | 'passkey-options' | 'passkey-mail',
  identifiers: string | string[] | null | undefined,
  /** The rules of a feature with its own (two-factor/), over the app's; `rateLimit: false` still turns all off. */
  rules?: Pick<RateLimitConfig, 'identifier' | 'ip'>,
): Promise<LimitResult> {
  const configured = settings(ctx.options.config)
  const rl = configured && rules ? { ...configured, ...rules } : configured
  const noop = { succeeded: async () => {} }
  if (!rl) return noop
  const store = storeFor(ctx.options, rl)
  const prefix = `${rl.prefix ?? 'latch:rl:'}${kind}:${ctx.providerId ?? ''}:`
  const checks: { key: string; rule: RateLimitRule }[] = []
  const idRule = rl.identifier === false ? null : (rl.identifier ?? DEFAULT_IDENTIFIER_RULE)
  const ipRule = rl.ip === false ? null : (rl.ip ?? DEFAULT_IP_RULE)
  const idKeyOf = (id: string) => `${prefix}id:${identifierKey(id)}`
  const ids = [...new Set((Array.isArray(identifiers) ? identifiers : [identifiers]).filter((v): v is string => typeof v === 'string' && v !== ''))]
  if (idRule) for (const id of ids) checks.push({ key: idKeyOf(id), rule: idRule })
  if (ipRule) {
    let ip: string | null | undefined
    try {
      ip = await clientIp(ctx, rl)
    } catch (e) {
      ctx.options.logger.error(new AdapterError('rateLimit.clientIp threw', { cause: e }))
    }
    // A reported but unparsable address shares one bucket: varying garbage must not dodge the limit.
    if (ip !== undefined && ip !== null) checks.push({ key: `${prefix}ip:${ipKey(ip) ?? 'invalid'}`, rule: ipRule })
  }
  let retryAfter = 0
  try {
    for (const { key, rule } of checks) {
      const { count, resetMs } = await store.hit(key, rule.windowSeconds * 1000, rule.max)
      if (count > rule.max) retryAfter = Math.max(retryAfter, Math.max(1, Math.ceil(resetMs / 1000)))
    }
  } catch (e) {
    // Fail closed: an unreachable store is a 503 (StoreUnavailable), never an attempt let through uncounted.
    throw storeError('The rate-limit store failed', e)
  }
  return {
    ...(retryAfter ? { retryAfter } : {}),
    async succeeded(succeededIds = ids.length === 1 ? ids : []) {
      if (!idRule || !store.reset) return
      for (const id of new Set(succeededIds)) {
        // Only a counter this attempt was counted against: a success never clears another account's counter.
        if (!ids.includes(id)) continue
        try {
          await store.reset(idKeyOf(id))
        } catch (e) {
          ctx.options.logger.error(new AdapterError('The rate-limit store failed to reset a key', { cause: e }))
        }
      }
    },
  }
}

/** A real 429 with Retry-After: an HTML page for browsers, JSON for fetch clients. */
export function rateLimitedResponse(ctx: RequestContext, retryAfter: number): ResponseInternal {
  const signinUrl = pageUrl(ctx, 'signin', { error: 'RateLimited' })
  const headers = { 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' }
  const accept = ctx.request.headers.get('accept') ?? ''
  const wantsJson = returnsUrl(ctx) || !accept.includes('text/html')
  ctx.options.logger.warn('RateLimited', `Too many ${ctx.action} attempts for ${ctx.providerId ?? 'provider'}; retry after ${retryAfter}s`)
  if (wantsJson) {
    return {
      status: 429,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: { error: 'RateLimited', message: 'Too many attempts; retry later', retryAfter, url: signinUrl },
    }
  }
  const page = layout({
    title: 'Too many attempts',
    theme: ctx.options.theme,
    body: html`<h1>Too many attempts</h1><p role="alert">Wait ${Math.ceil(retryAfter / 60)} minute(s) and try again.</p><a class="button" href="${signinUrl}">Back to sign in</a>`,
  })
  return { status: 429, headers: { ...page.headers, ...headers }, body: page.body }
}
