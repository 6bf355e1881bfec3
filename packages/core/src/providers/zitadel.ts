import { standardOidc, type StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** ZITADEL id_token / userinfo claims. */
export interface ZitadelProfile extends StandardClaims {}

/** ZITADEL. Set `issuer` or `AUTH_ZITADEL_ISSUER` (e.g. https://myinstance.zitadel.cloud). */
export default function Zitadel(options: Partial<OIDCConfig<ZitadelProfile>> = {}): OIDCConfig<ZitadelProfile> {
  return standardOidc<ZitadelProfile>({ id: 'zitadel', name: 'ZITADEL' }, options) as OIDCConfig<ZitadelProfile>
}

export { Zitadel }
