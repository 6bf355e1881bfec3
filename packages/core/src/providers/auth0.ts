import { standardOidc, type StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Auth0 id_token / userinfo claims. */
export interface Auth0Profile extends StandardClaims {}

/** Auth0. Set `issuer` or `AUTH_AUTH0_ISSUER` (e.g. https://tenant.us.auth0.com). */
export default function Auth0(options: Partial<OIDCConfig<Auth0Profile>> = {}): OIDCConfig<Auth0Profile> {
  return standardOidc<Auth0Profile>({ id: 'auth0', name: 'Auth0', displayName: (p) => p.nickname }, options) as OIDCConfig<Auth0Profile>
}

export { Auth0 }
