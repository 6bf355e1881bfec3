import { oidcProvider, str } from './shape.js'
import type { StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Azure AD B2C id_token claims (the claims you select in the user flow; https://learn.microsoft.com/en-us/azure/active-directory-b2c/tokens-overview). */
export interface AzureADB2CProfile extends StandardClaims {
  oid?: string
  tfp?: string
  /** "Email Addresses" claim of local accounts. */
  emails?: string[]
  idp?: string
}

/**
 * Azure AD B2C. Set `issuer` (or `AUTH_AZURE_AD_B2C_ISSUER`) to the issuer of your user flow,
 * `https://<tenant>.b2clogin.com/<tenant-id>/v2.0/`, and `wellKnown` to the user flow's metadata
 * (`https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com/<policy>/v2.0/.well-known/openid-configuration`).
 * B2C sends no `email_verified` claim: the address is never marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/azure-ad-b2c`.
 */
export default function AzureADB2C(options: Partial<OIDCConfig<AzureADB2CProfile>> = {}): OIDCConfig<AzureADB2CProfile> {
  return oidcProvider<AzureADB2CProfile>(
    {
      id: 'azure-ad-b2c',
      name: 'Azure Active Directory B2C',
      scope: 'openid offline_access',
      profile: (p) => ({ id: p.sub, name: str(p.name), email: str(p.emails?.[0]) ?? str(p.email), image: null, emailVerified: null }),
    },
    options,
  )
}

export { AzureADB2C }
