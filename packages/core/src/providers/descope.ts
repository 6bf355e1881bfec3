import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Descope id_token / userinfo claims (https://docs.descope.com/sso-integrations/oidc). */
export interface DescopeProfile extends StandardClaims {
}

/**
 * Descope. The issuer is `https://api.descope.com/<projectId>`: set `issuer` (or `AUTH_DESCOPE_ISSUER`); when only `clientId` (the project id) is passed, it is derived from it.
 * Callback URL: `{AUTH_URL}/auth/callback/descope`.
 */
export default function Descope(options: Partial<OIDCConfig<DescopeProfile>> = {}): OIDCConfig<DescopeProfile> {
  return oidcProvider<DescopeProfile>(
    {
      id: 'descope',
      name: 'Descope',
      ...(options.clientId ? { issuer: `https://api.descope.com/${options.clientId}` } : {}),
      scope: 'openid profile email',
      rebuild: (filled) => Descope({ ...options, ...filled }),
    },
    options,
  )
}

export { Descope }
