import type { Provider } from './types.js'

/** `AUTH_<ID>` prefix of a provider id: upper-cased, `-` → `_` (`microsoft-entra-id` → `AUTH_MICROSOFT_ENTRA_ID`). */
export function providerEnvPrefix(id: string): string {
  return `AUTH_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/**
 * A copy of an OAuth/OIDC provider with `clientId`, `clientSecret` and `issuer` filled from
 * `AUTH_<ID>_ID`, `AUTH_<ID>_SECRET` and `AUTH_<ID>_ISSUER` when the provider does not set them.
 * Other providers, and providers with nothing to fill, are returned unchanged (same object).
 */
export function withProviderEnv<T extends Provider>(provider: T, env: Record<string, string | undefined>): T {
  if (provider.type !== 'oauth' && provider.type !== 'oidc') return provider
  const prefix = providerEnvPrefix(provider.id)
  const fill: Record<string, string> = {}
  const id = env[`${prefix}_ID`]
  const secret = env[`${prefix}_SECRET`]
  const issuer = env[`${prefix}_ISSUER`]
  if (!provider.clientId && id) fill.clientId = id
  if (!provider.clientSecret && secret) fill.clientSecret = secret
  if (!provider.issuer && issuer) fill.issuer = issuer
  if (!Object.keys(fill).length) return provider
  return { ...provider, ...fill }
}
