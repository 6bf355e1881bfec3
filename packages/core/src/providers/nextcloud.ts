import { getJson, oauth2Provider, str, trimSlash } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** The OCS user API answer, `GET /ocs/v2.php/cloud/user?format=json` (https://docs.nextcloud.com/server/latest/developer_manual/client_apis/OCS/). */
export interface NextcloudProfile extends Record<string, unknown> {
  ocs: { data: { id: string; displayname?: string | null; email?: string | null; enabled?: boolean } }
}

/**
 * Nextcloud. `issuer` (or `AUTH_NEXTCLOUD_ISSUER`) is the server URL, e.g. `https://cloud.example.com`.
 * The OCS API needs the `OCS-APIRequest: true` header. Nextcloud does not say whether the address is
 * verified. Callback URL: `{AUTH_URL}/auth/callback/nextcloud`.
 */
export default function Nextcloud(options: Partial<OAuthConfig<NextcloudProfile>> = {}): OAuthConfig<NextcloudProfile> {
  const base = trimSlash(options.issuer) ?? 'https://nextcloud.invalid'
  const userinfo = `${base}/ocs/v2.php/cloud/user?format=json`
  return oauth2Provider<NextcloudProfile>(
    {
      id: 'nextcloud',
      name: 'Nextcloud',
      authorization: `${base}/index.php/apps/oauth2/authorize`,
      token: `${base}/index.php/apps/oauth2/api/v1/token`,
      userinfo: {
        url: userinfo,
        request: ({ tokens, fetch }: UserinfoRequestContext) =>
          getJson(fetch, userinfo, { authorization: `Bearer ${tokens.access_token}`, 'ocs-apirequest': 'true' }),
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ ocs: { data } }) => ({
        id: data.id,
        name: str(data.displayname) ?? data.id,
        email: str(data.email),
        image: `${base}/index.php/avatar/${encodeURIComponent(data.id)}/64`,
        emailVerified: null,
      }),
      rebuild: (filled) => Nextcloud({ ...options, ...filled }),
    },
    options,
  )
}

export { Nextcloud }
