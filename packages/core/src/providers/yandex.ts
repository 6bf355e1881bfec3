import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET https://login.yandex.ru/info?format=json` (https://yandex.com/dev/id/doc/en/user-information). */
export interface YandexProfile extends Record<string, unknown> {
  id: string
  login: string
  client_id?: string
  display_name?: string
  real_name?: string
  first_name?: string
  last_name?: string
  default_email?: string
  emails?: string[]
  default_avatar_id?: string
  is_avatar_empty?: boolean
  psuid?: string
}

const INFO = 'https://login.yandex.ru/info?format=json'

/**
 * Yandex ID. The info call takes `Authorization: OAuth <token>`. The address is not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/yandex`.
 */
export default function Yandex(options: Partial<OAuthConfig<YandexProfile>> = {}): OAuthConfig<YandexProfile> {
  return oauth2Provider<YandexProfile>(
    {
      id: 'yandex',
      name: 'Yandex',
      authorization: 'https://oauth.yandex.ru/authorize',
      scope: 'login:info login:email login:avatar',
      token: 'https://oauth.yandex.ru/token',
      userinfo: { url: INFO, request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, INFO, { authorization: `OAuth ${tokens.access_token}` }) },
      profile: (p) => ({
        id: p.id,
        name: str(p.display_name) ?? str(p.real_name) ?? str(p.first_name) ?? p.login,
        email: str(p.default_email) ?? str(p.emails?.[0]),
        image: !p.is_avatar_empty && p.default_avatar_id ? `https://avatars.yandex.net/get-yapic/${p.default_avatar_id}/islands-200` : null,
        emailVerified: null,
      }),
    },
    options,
  )
}

export { Yandex }
