import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Salesforce id_token / userinfo claims (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm). */
export interface SalesforceProfile extends StandardClaims {
  user_id?: string
  organization_id?: string
}

/**
 * Salesforce. Salesforce (OpenID Connect). Use `issuer: 'https://test.salesforce.com'` for sandboxes or your My Domain URL.
 * Callback URL: `{AUTH_URL}/auth/callback/salesforce`.
 */
export default function Salesforce(options: Partial<OIDCConfig<SalesforceProfile>> = {}): OIDCConfig<SalesforceProfile> {
  return oidcProvider<SalesforceProfile>(
    {
      id: 'salesforce',
      name: 'Salesforce',
      issuer: 'https://login.salesforce.com',
      scope: 'openid profile email',
    },
    options,
  )
}

export { Salesforce }
