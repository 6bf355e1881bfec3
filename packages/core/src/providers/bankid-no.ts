import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider, str } from './shape.js'
import type { OIDCConfig } from './types.js'

/** BankID Norge id_token / userinfo claims (https://developer.bankid.no/bankid-with-biometrics/apis/oidc/). */
export interface BankIDNorwayProfile extends StandardClaims {
  birthdate?: string
  nnin_altsub?: string
}

/**
 * BankID Norge. BankID OIDC (production issuer by default; pass the current test issuer from BankID's docs for the pre-production environment). BankID identifies people, not addresses: `email` only with the `email` scope, never marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/bankid-no`.
 */
export default function BankIDNorway(options: Partial<OIDCConfig<BankIDNorwayProfile>> = {}): OIDCConfig<BankIDNorwayProfile> {
  return oidcProvider<BankIDNorwayProfile>(
    {
      id: 'bankid-no',
      name: 'BankID Norge',
      issuer: 'https://auth.bankid.no/auth/realms/prod',
      scope: 'openid profile',
      profile: (p) => ({ id: p.sub, name: str(p.name) ?? ([p.given_name, p.family_name].filter(Boolean).join(' ') || null), email: str(p.email), image: null, emailVerified: null }),
    },
    options,
  )
}

export { BankIDNorway }
