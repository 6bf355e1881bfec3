import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET https://oauth.mail.ru/userinfo` (https://api.mail.ru/docs/guides/oauth/). */
export interface MailruProfile extends Record<string, unknown> {
  id: string
  email: string
  name?: string
  first_name?: string
  last_name?: string
  nickname?: string
  image?: string
}

const USERINFO = 'https://oauth.mail.ru/userinfo'

/**
 * Mail.ru. The userinfo call takes the token as the `access_token` query parameter. The address is a
 * Mail.ru mailbox but not flagged verified. Callback URL: `{AUTH_URL}/auth/callback/mailru`.
 */
export default function Mailru(options: Partial<OAuthConfig<MailruProfile>> = {}): OAuthConfig<MailruProfile> {
  return oauth2Provider<MailruProfile>(
    {
      id: 'mailru',
      name: 'Mail.ru',
      authorization: 'https://oauth.mail.ru/login',
      scope: 'userinfo',
      token: 'https://oauth.mail.ru/token',
      userinfo: {
        url: USERINFO,
        request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, `${USERINFO}?access_token=${encodeURIComponent(String(tokens.access_token))}`, {}),
      },
      profile: (p) => ({ id: String(p.id), name: str(p.name) ?? str(p.nickname), email: str(p.email), image: str(p.image), emailVerified: null }),
    },
    options,
  )
}

export { Mailru }
