import { standardOidc, type StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Keycloak id_token / userinfo claims. */
export interface KeycloakProfile extends StandardClaims {}

/** Keycloak. Set `issuer` or `AUTH_KEYCLOAK_ISSUER` (e.g. https://kc.example.com/realms/myrealm). */
export default function Keycloak(options: Partial<OIDCConfig<KeycloakProfile>> = {}): OIDCConfig<KeycloakProfile> {
  return standardOidc<KeycloakProfile>({ id: 'keycloak', name: 'Keycloak' }, options) as OIDCConfig<KeycloakProfile>
}

export { Keycloak }
