import type { AuthConfig } from './types.js'
import type { Provider, ProviderInput } from './providers/types.js'

export type EnvRecord = Record<string, string | undefined>

export interface EnvConfig {
  secret?: string[]
  url?: string
  trustHost?: boolean
  redirectProxyUrl?: string
  redirectProxyOrigins?: string[]
  /** `AUTH_<PROVIDER>_ID/SECRET/ISSUER` (OAuth) and `AUTH_<PROVIDER>_KEY` (e-mail API key), keyed by the upper-cased provider id. */
  providers: Record<string, { clientId?: string; clientSecret?: string; issuer?: string; apiKey?: string }>
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined
  return !/^(false|0|no|off)$/i.test(value.trim())
}

/**
 * Read Latch's settings from an environment record (integrations pass Node's environment, Workers `env`,
 * SvelteKit `$env/dynamic/private`). The core never reads the host environment itself.
 */
export function readEnv(env: EnvRecord): EnvConfig {
  const secrets = ['AUTH_SECRET', 'AUTH_SECRET_1', 'AUTH_SECRET_2', 'AUTH_SECRET_3']
    .map((k) => env[k])
    .filter((v): v is string => !!v)
  const url = env.AUTH_URL || undefined
  let trustHost = flag(env.AUTH_TRUST_HOST)
  // Platforms that always sit behind their own proxy, as Auth.js does; never for a production server of unknown setup.
  if (trustHost === undefined && (flag(env.VERCEL) || flag(env.CF_PAGES))) trustHost = true
  if (trustHost === undefined && env.NODE_ENV !== undefined && env.NODE_ENV !== 'production') trustHost = true
  const providers: EnvConfig['providers'] = {}
  for (const [key, value] of Object.entries(env)) {
    const m = /^AUTH_([A-Z0-9_]+)_(ID|SECRET|ISSUER|KEY)$/.exec(key)
    if (!m || !value || m[1] === 'SECRET') continue
    const entry = (providers[m[1]!] ??= {})
    if (m[2] === 'ID') entry.clientId = value
    else if (m[2] === 'SECRET') entry.clientSecret = value
    else if (m[2] === 'KEY') entry.apiKey = value
    else entry.issuer = value
  }
  const redirectProxyUrl = env.AUTH_REDIRECT_PROXY_URL || undefined
  const origins = env.AUTH_REDIRECT_PROXY_ORIGINS?.split(/[\s,]+/).filter(Boolean)
  return { secret: secrets.length ? secrets : undefined, url, trustHost, providers, redirectProxyUrl, redirectProxyOrigins: origins?.length ? origins : undefined }
}

/** The `<ID>` of `AUTH_<ID>_ID/SECRET/ISSUER` for a provider id: upper-cased, `-` → `_` (`microsoft-entra-id` → `MICROSOFT_ENTRA_ID`). */
export function envKey(id: string): string {
  return id.toUpperCase().replace(/-/g, '_')
}

function envConfig(env: EnvRecord | EnvConfig): EnvConfig {
  return 'providers' in env && typeof env.providers === 'object' ? (env as EnvConfig) : readEnv(env as EnvRecord)
}

/**
 * A copy of `provider` with clientId/clientSecret/issuer filled from the environment where missing.
 * Providers other than OAuth/OIDC, and those the environment names nothing for, are returned as they are.
 */
export function withProviderEnv<T extends Provider>(provider: T, env: EnvRecord | EnvConfig): T {
  if (provider.type === 'email') {
    // HTTP-API senders (Resend, SendGrid...): `AUTH_<ID>_KEY` fills a missing apiKey.
    const key = envConfig(env).providers[envKey(provider.id)]?.apiKey
    const current = (provider as { apiKey?: unknown }).apiKey
    return key && current === undefined ? { ...provider, apiKey: key } : provider
  }
  if (provider.type !== 'oauth' && provider.type !== 'oidc') return provider
  const e = envConfig(env).providers[envKey(provider.id)]
  if (!e) return provider
  const filled = {
    clientId: provider.clientId ?? e.clientId,
    clientSecret: provider.clientSecret ?? e.clientSecret,
    issuer: provider.issuer ?? e.issuer,
  }
  // Providers whose endpoints derive from these values rebuild themselves (see OAuthConfig.rebuild).
  const changed = filled.clientId !== provider.clientId || filled.clientSecret !== provider.clientSecret || filled.issuer !== provider.issuer
  if (changed && typeof provider.rebuild === 'function') return { ...provider.rebuild(filled), ...filled } as T
  return { ...provider, ...filled }
}

/**
 * A new config with the environment's values where the config has none. The input is not modified;
 * call it once at start-up and reuse the result (the core caches derived keys per config object).
 */
export function applyEnv(config: AuthConfig, env: EnvRecord | EnvConfig): AuthConfig {
  const e = envConfig(env)
  const providers = config.providers.map((p: ProviderInput) => withProviderEnv(typeof p === 'function' ? p() : p, e))
  return {
    ...config,
    providers,
    secret: config.secret ?? e.secret,
    url: config.url ?? e.url,
    trustHost: config.trustHost ?? e.trustHost,
    redirectProxyUrl: config.redirectProxyUrl ?? e.redirectProxyUrl,
    redirectProxyOrigins: config.redirectProxyOrigins ?? e.redirectProxyOrigins,
  }
}
