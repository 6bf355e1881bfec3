import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** The `profile` of WorkOS's SSO token response (https://workos.com/docs/reference/sso/profile). */
export interface WorkOSProfile extends Record<string, unknown> {
  object?: 'profile'
  id: string
  connection_id: string
  connection_type?: string
  organization_id?: string | null
  email: string
  first_name?: string | null
  last_name?: string | null
  idp_id?: string
  raw_attributes?: Record<string, unknown>
}

export interface WorkOSOptions extends Partial<OAuthConfig<WorkOSProfile>> {
  /** The SSO connection to use (`connection` authorization parameter); or pass `organization` / `provider` in `authorization.params`. */
  connection?: string
}

/**
 * WorkOS SSO. The token response carries the profile, so there is no userinfo call. The e-mail is
 * asserted by the customer's identity provider: not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/workos`.
 */
export default function WorkOS(options: WorkOSOptions = {}): OAuthConfig<WorkOSProfile> {
  const { connection, ...rest } = options
  return oauth2Provider<WorkOSProfile>(
    {
      id: 'workos',
      name: 'WorkOS',
      authorization: 'https://api.workos.com/sso/authorize',
      params: connection ? { connection } : {},
      token: 'https://api.workos.com/sso/token',
      userinfo: {
        url: 'https://api.workos.com/sso/profile',
        request: ({ tokens }: UserinfoRequestContext) => {
          const profile = tokens.profile as WorkOSProfile | undefined
          if (!profile?.id) throw new Error('WorkOS token response has no profile')
          return profile
        },
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({
        id: p.id,
        name: [p.first_name, p.last_name].filter(Boolean).join(' ') || null,
        email: str(p.email),
        image: null,
        emailVerified: null,
      }),
    },
    rest,
  )
}

export { WorkOS }
