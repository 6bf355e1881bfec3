import { standardOidc, type StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Amazon Cognito user pool id_token claims. */
export interface CognitoProfile extends StandardClaims {
  'cognito:username'?: string
  'cognito:groups'?: string[]
}

/** Amazon Cognito. Set `issuer` or `AUTH_COGNITO_ISSUER` (https://cognito-idp.<region>.amazonaws.com/<user-pool-id>). */
export default function Cognito(options: Partial<OIDCConfig<CognitoProfile>> = {}): OIDCConfig<CognitoProfile> {
  return standardOidc<CognitoProfile>({ id: 'cognito', name: 'Amazon Cognito', displayName: (p) => p['cognito:username'] }, options) as OIDCConfig<CognitoProfile>
}

export { Cognito }
