import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The profile your RESTlet returns (NetSuite has no built-in userinfo endpoint). */
export interface NetSuiteProfile extends Record<string, unknown> {
  id: number | string
  name: string
  email: string
  location?: number
  role?: number
  roleId?: string
  roleCenter?: string
  subsidiary?: number
}

export interface NetSuiteOptions extends Partial<OAuthConfig<NetSuiteProfile>> {
  /** The account id, e.g. `TSTDRV1234567` or `81555_SB1`; sandbox ids use `-sb1` in host names, handled here. */
  accountID?: string
  /** The URL of a RESTlet (or REST record URL) that returns the current user; required. */
  userinfo?: string
  prompt?: string
  scope?: string
}

/**
 * NetSuite OAuth 2.0 (authorization code). Give `accountID` and a `userinfo` RESTlet URL returning
 * `{ id, name, email }` for the runtime user. The address is not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/netsuite`.
 */
export default function NetSuite(options: NetSuiteOptions = {}): OAuthConfig<NetSuiteProfile> {
  const { accountID = 'ACCOUNT', prompt = 'none', scope = 'restlets rest_webservices', ...rest } = options
  const host = accountID.toLowerCase().replace(/_/g, '-')
  return oauth2Provider<NetSuiteProfile>(
    {
      id: 'netsuite',
      name: 'NetSuite',
      authorization: `https://${host}.app.netsuite.com/app/login/oauth2/authorize.nl`,
      scope,
      params: { prompt },
      token: `https://${host}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`,
      userinfo: options.userinfo ?? `https://${host}.restlets.api.netsuite.com/app/site/hosting/restlet.nl`,
      profile: (p) => ({ id: String(p.id), name: str(p.name), email: str(p.email), image: null, emailVerified: null }),
    },
    rest,
  )
}

export { NetSuite }
