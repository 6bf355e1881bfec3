import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Sign in with Slack (OpenID Connect) claims. */
export interface SlackProfile extends Record<string, unknown> {
  sub: string
  email?: string
  email_verified?: boolean
  name?: string
  picture?: string
  given_name?: string
  family_name?: string
  locale?: string
  'https://slack.com/user_id'?: string
  'https://slack.com/team_id'?: string
  'https://slack.com/team_name'?: string
  'https://slack.com/user_image_512'?: string
}

export default function Slack(options: Partial<OIDCConfig<SlackProfile>> = {}): OIDCConfig<SlackProfile> {
  return defineProvider<SlackProfile>(
    {
      id: 'slack',
      name: 'Slack',
      type: 'oidc',
      issuer: 'https://slack.com',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({
        id: p.sub,
        name: p.name ?? null,
        email: p.email ?? null,
        emailVerified: affirmedEmail(p.email_verified),
        image: p['https://slack.com/user_image_512'] ?? p.picture ?? null,
      }),
      style: { bg: '#4A154B', text: '#fff' },
    },
    options,
  ) as OIDCConfig<SlackProfile>
}

export { Slack }
