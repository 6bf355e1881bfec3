import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Ory Hydra id_token / userinfo claims (https://www.ory.sh/docs/hydra/). */
export interface OryHydraProfile extends StandardClaims {
}

/**
 * Ory Hydra. Set `issuer` or `AUTH_HYDRA_ISSUER` (the provider id is `hydra`, as in Auth.js).
 * Callback URL: `{AUTH_URL}/auth/callback/hydra`.
 */
export default function OryHydra(options: Partial<OIDCConfig<OryHydraProfile>> = {}): OIDCConfig<OryHydraProfile> {
  return oidcProvider<OryHydraProfile>(
    {
      id: 'hydra',
      name: 'Ory Hydra',
      scope: 'openid offline_access profile email',
    },
    options,
  )
}

export { OryHydra }
