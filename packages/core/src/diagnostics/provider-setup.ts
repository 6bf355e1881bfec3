import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import { envKey } from '../env.js'
import type { OAuthConfig, Provider } from '../providers/types.js'
import type { LoggerInstance } from '../types.js'
import { once } from './once.js'

/**
 * The environment variables an OAuth/OIDC provider still needs, e.g. `['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET']`;
 * empty when it has what it needs. A secret is only needed for the client_secret_* token endpoint methods.
 */
export function missingProviderSettings(provider: Provider): string[] {
  if (provider.type !== 'oauth' && provider.type !== 'oidc') return []
  const p = provider as OAuthConfig
  const key = envKey(p.id)
  const missing: string[] = []
  if (!p.clientId) missing.push(`AUTH_${key}_ID`)
  const method = p.client?.token_endpoint_auth_method ?? 'client_secret_basic'
  if (!p.clientSecret && (method === 'client_secret_basic' || method === 'client_secret_post')) missing.push(`AUTH_${key}_SECRET`)
  return missing
}

/** "AUTH_X_ID and AUTH_X_SECRET" */
export function listSettings(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** One warning per provider and process naming what to set; the sign-in page shows the same instead of a button. */
export function reportProviderSetup(providers: Provider[], logger: LoggerInstance): void {
  for (const p of providers) {
    const missing = missingProviderSettings(p)
    if (!missing.length) continue
    const message = `Provider "${p.id}" cannot sign anyone in: set ${listSettings(missing)} (or pass them in the provider's options)`
    once(`provider-setup:${message}`, () => logger.warn('MissingProviderSetting', message))
  }
}
