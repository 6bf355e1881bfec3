import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Passage by 1Password id_token / userinfo claims (https://docs.passage.id/hosted-login/oidc-client-configuration). */
export interface PassageProfile extends StandardClaims {
  phone_number?: string
  phone_number_verified?: boolean
}

/**
 * Passage by 1Password. Set `issuer` or `AUTH_PASSAGE_ISSUER` to `https://auth.passage.id/v1/apps/<app-id>`.
 * Callback URL: `{AUTH_URL}/auth/callback/passage`.
 */
export default function Passage(options: Partial<OIDCConfig<PassageProfile>> = {}): OIDCConfig<PassageProfile> {
  return oidcProvider<PassageProfile>(
    {
      id: 'passage',
      name: 'Passage by 1Password',
      scope: 'openid profile email',
    },
    options,
  )
}

export { Passage }
