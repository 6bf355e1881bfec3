import type { Profile } from '../types.js'
import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

export type { OIDCConfig }

/** A generic OpenID Connect provider: give `issuer` (discovered) and client credentials. */
export default function OIDC<P extends Record<string, unknown> = Profile>(options: Partial<OIDCConfig<P>> & { id?: string } = {}): OIDCConfig<P> {
  return defineProvider<P>(
    { id: options.id ?? 'oidc', name: options.name ?? 'OIDC', type: 'oidc' },
    { ...options, type: 'oidc' },
  ) as OIDCConfig<P>
}

export { OIDC }
