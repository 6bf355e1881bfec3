import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Reddit profile API answer (https://github.com/reddit-archive/reddit/wiki/OAuth2). */
export interface RedditProfile extends Record<string, unknown> {
  id: string
  name: string
  icon_img?: string
  has_verified_email?: boolean
}

/**
 * Reddit: Reddit OAuth2. Reddit shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/reddit`; env `AUTH_REDDIT_ID` / `AUTH_REDDIT_SECRET`.
 */
export default function Reddit(options: Partial<OAuthConfig<RedditProfile>> = {}): OAuthConfig<RedditProfile> {
  return oauth2Provider<RedditProfile>(
    {
      id: 'reddit',
      name: 'Reddit',
      authorization: 'https://www.reddit.com/api/v1/authorize',
      scope: 'identity',
      params: { duration: 'temporary' },
      token: 'https://www.reddit.com/api/v1/access_token',
      userinfo: 'https://oauth.reddit.com/api/v1/me',
      profile: (p) => ({ id: p.id, name: p.name, email: null, image: str(p.icon_img?.split('?')[0]), emailVerified: null }),
    },
    options,
  )
}

export { Reddit }
