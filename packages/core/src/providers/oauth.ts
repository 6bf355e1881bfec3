import type { Profile } from '../types.js'
import { defineProvider } from './provider-defaults.js'
import type { OAuthConfig } from './types.js'

export type { OAuthConfig }

/**
 * A generic OAuth 2.0 provider: give `id`, `name` and either `issuer` (RFC 8414 discovery) or the
 * `authorization`, `token` and `userinfo` endpoints, plus a `profile()` mapping when the profile has no `sub`/`id`.
 */
export default function OAuth<P extends Record<string, unknown> = Profile>(options: Partial<OAuthConfig<P>> & { id?: string }): OAuthConfig<P> {
  return defineProvider<P>({ id: options.id ?? 'oauth', name: options.name ?? 'OAuth', type: 'oauth' }, { ...options, type: 'oauth' })
}

export { OAuth }
