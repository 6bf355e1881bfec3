import type { Awaitable } from '../base-types.js'

/** One counted hit: how many hits the key has in its current window and when the window ends. */
export interface RateLimitHit {
  count: number
  /** Milliseconds until the window resets. */
  resetMs: number
}

/**
 * Where counters live. `hit` must count atomically (the memory store does; the Redis store in
 * `@latch/adapter-redis` uses one Lua script), starting a fixed window of `windowMs` on the first hit.
 */
export interface RateLimitStore {
  /**
   * Count one hit. `max` is the limit of the rule being checked, so a bounded store can keep keys that are over
   * their limit when it must evict (the memory store does); stores may ignore it.
   */
  hit(key: string, windowMs: number, max?: number): Awaitable<RateLimitHit>
  /** Forget a key (called for the identifier key after a successful sign-in). */
  reset?(key: string): Awaitable<void>
}

export interface RateLimitRule {
  /** Attempts allowed per window. */
  max: number
  /** Window length in seconds. */
  windowSeconds: number
}

/** `config.rateLimit`: on by default for credentials and email sign-in, with an in-memory store. */
export interface RateLimitConfig {
  /** Default true. `rateLimit: false` turns limiting off. */
  enabled?: boolean
  /** Default: an in-memory store per app (its secret and base path; single process). Use RedisRateLimitStore across instances. */
  store?: RateLimitStore
  /** Attempts per identifier (username / email address). Default 10 per 15 minutes. */
  identifier?: RateLimitRule | false
  /** Attempts per client IP (IPv6 grouped by /64). Default 50 per 15 minutes. */
  ip?: RateLimitRule | false
  /**
   * The client's IP for a request. Default: the address the framework integration recorded with
   * `setClientAddress` (Express `req.ip`, Hono's socket, SvelteKit `getClientAddress()`); else, with `trustHost`,
   * the last `X-Forwarded-For` entry (the one your proxy appended); else the IP limit is skipped.
   */
  clientIp?: (request: Request) => Awaitable<string | null | undefined>
  /**
   * Which credential names the account an attempt targets (its per-identifier counter, reset when that account
   * signs in). Either the name of a field (e.g. `'email'`), or a function of the posted fields and the provider id.
   * Default: the provider's first declared field named `email`, `username`, `identifier` or `login`, else its first
   * declared field that is not a password. A provider that declares no fields counts every one of those four names
   * the client sends. A field the app did not choose never picks the counter. See docs/guides/rate-limit.md.
   */
  credentialsIdentifier?: string | ((credentials: Record<string, string>, providerId: string) => string | null | undefined)
  /** Key prefix. Default `latch:rl:`. */
  prefix?: string
}
