import { standardOidc, type StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Okta id_token / userinfo claims. */
export interface OktaProfile extends StandardClaims {}

/** Okta. Set `issuer` or `AUTH_OKTA_ISSUER` (e.g. https://dev-123.okta.com or https://dev-123.okta.com/oauth2/default). */
export default function Okta(options: Partial<OIDCConfig<OktaProfile>> = {}): OIDCConfig<OktaProfile> {
  return standardOidc<OktaProfile>({ id: 'okta', name: 'Okta' }, options) as OIDCConfig<OktaProfile>
}

export { Okta }
