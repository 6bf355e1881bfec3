import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET https://login.mailchimp.com/oauth2/metadata` (https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/). */
export interface MailchimpProfile extends Record<string, unknown> {
  dc: string
  role?: string
  accountname: string
  user_id: number
  login: { email: string; avatar?: string | null; login_id: number; login_name: string; login_email: string }
  api_endpoint?: string
}

const METADATA = 'https://login.mailchimp.com/oauth2/metadata'

/**
 * Mailchimp. The metadata call takes `Authorization: OAuth <token>`. The address is not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/mailchimp` (Mailchimp requires 127.0.0.1, not localhost, in development).
 */
export default function Mailchimp(options: Partial<OAuthConfig<MailchimpProfile>> = {}): OAuthConfig<MailchimpProfile> {
  return oauth2Provider<MailchimpProfile>(
    {
      id: 'mailchimp',
      name: 'Mailchimp',
      authorization: 'https://login.mailchimp.com/oauth2/authorize',
      token: 'https://login.mailchimp.com/oauth2/token',
      userinfo: { url: METADATA, request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, METADATA, { authorization: `OAuth ${tokens.access_token}` }) },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({
        id: String(p.login?.login_id ?? p.user_id),
        name: str(p.login?.login_name) ?? p.accountname,
        email: str(p.login?.login_email) ?? str(p.login?.email),
        image: str(p.login?.avatar),
        emailVerified: null,
      }),
    },
    options,
  )
}

export { Mailchimp }
