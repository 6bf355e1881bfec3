import { defineProvider } from './provider-defaults.js'
import type { OAuthConfig } from './types.js'

/** Graph API `/me?fields=id,name,email,picture`. */
export interface FacebookProfile extends Record<string, unknown> {
  id: string
  name?: string
  email?: string
  picture?: { data?: { url?: string; height?: number; width?: number; is_silhouette?: boolean } }
}

export default function Facebook(options: Partial<OAuthConfig<FacebookProfile>> = {}): OAuthConfig<FacebookProfile> {
  return defineProvider<FacebookProfile>(
    {
      id: 'facebook',
      name: 'Facebook',
      type: 'oauth',
      authorization: { url: 'https://www.facebook.com/v19.0/dialog/oauth', params: { scope: 'email' } },
      token: 'https://graph.facebook.com/v19.0/oauth/access_token',
      userinfo: { url: 'https://graph.facebook.com/me', params: { fields: 'id,name,email,picture' } },
      profile: (p) => ({ id: p.id, name: p.name ?? null, email: p.email ?? null, image: p.picture?.data?.url ?? null }),
      style: { bg: '#1877F2', text: '#fff' },
    },
    options,
  )
}

export { Facebook }
