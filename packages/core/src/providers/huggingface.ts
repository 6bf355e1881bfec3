import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Hugging Face id_token / userinfo claims (https://huggingface.co/docs/hub/oauth). */
export interface HuggingFaceProfile extends StandardClaims {
  preferred_username?: string
  isPro?: boolean
  orgs?: unknown[]
}

/**
 * Hugging Face. Sign in with Hugging Face (OpenID Connect). `email` needs the `email` scope.
 * Callback URL: `{AUTH_URL}/auth/callback/huggingface`.
 */
export default function HuggingFace(options: Partial<OIDCConfig<HuggingFaceProfile>> = {}): OIDCConfig<HuggingFaceProfile> {
  return oidcProvider<HuggingFaceProfile>(
    {
      id: 'huggingface',
      name: 'Hugging Face',
      issuer: 'https://huggingface.co',
      scope: 'openid profile email',
    },
    options,
  )
}

export { HuggingFace }
