import { standardOidc, type StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** authentik id_token / userinfo claims. */
export interface AuthentikProfile extends StandardClaims {
  groups?: string[]
}

/** Authentik. Set `issuer` or `AUTH_AUTHENTIK_ISSUER` (e.g. https://authentik.example.com/application/o/my-app/). */
export default function Authentik(options: Partial<OIDCConfig<AuthentikProfile>> = {}): OIDCConfig<AuthentikProfile> {
  return standardOidc<AuthentikProfile>({ id: 'authentik', name: 'Authentik' }, options) as OIDCConfig<AuthentikProfile>
}

export { Authentik }
