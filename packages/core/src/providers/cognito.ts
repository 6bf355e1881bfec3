import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Amazon Cognito user pool id_token claims. */
export interface CognitoProfile extends Record<string, unknown> {
  sub: string
  name?: string
  email?: string
  email_verified?: boolean
  preferred_username?: string
  nickname?: string
  picture?: string
  'cognito:username'?: string
  'cognito:groups'?: string[]
}

/** Amazon Cognito. Set `issuer` or `AUTH_COGNITO_ISSUER` (https://cognito-idp.<region>.amazonaws.com/<user-pool-id>). */
export default function Cognito(options: Partial<OIDCConfig<CognitoProfile>> = {}): OIDCConfig<CognitoProfile> {
  return defineProvider<CognitoProfile>(
    {
      id: 'cognito',
      name: 'Amazon Cognito',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? p['cognito:username'] ?? null, email: p.email ?? null, image: p.picture ?? null }),
    },
    options,
  ) as OIDCConfig<CognitoProfile>
}

export { Cognito }
