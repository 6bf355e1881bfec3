import { getJson, oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `POST /2/users/get_current_account` (https://www.dropbox.com/developers/documentation/http/documentation#users-get_current_account). */
export interface DropboxProfile extends Record<string, unknown> {
  account_id: string
  name: { display_name: string; given_name?: string; surname?: string }
  email: string
  email_verified: boolean
  profile_photo_url?: string
  disabled?: boolean
}

const ACCOUNT = 'https://api.dropboxapi.com/2/users/get_current_account'

/**
 * Dropbox. The account is read with an RPC-style POST (no body). `email_verified` marks the address
 * verified. Callback URL: `{AUTH_URL}/auth/callback/dropbox`.
 */
export default function Dropbox(options: Partial<OAuthConfig<DropboxProfile>> = {}): OAuthConfig<DropboxProfile> {
  return oauth2Provider<DropboxProfile>(
    {
      id: 'dropbox',
      name: 'Dropbox',
      authorization: 'https://www.dropbox.com/oauth2/authorize',
      scope: 'account_info.read',
      params: { token_access_type: 'offline' },
      token: 'https://api.dropboxapi.com/oauth2/token',
      userinfo: {
        url: ACCOUNT,
        request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, ACCOUNT, { authorization: `Bearer ${tokens.access_token}` }, { method: 'POST' }),
      },
      profile: (p) => ({
        id: p.account_id,
        name: p.name?.display_name ?? null,
        email: str(p.email),
        image: str(p.profile_photo_url),
        emailVerified: p.email ? verifiedAt(p.email_verified) : null,
      }),
    },
    options,
  )
}

export { Dropbox }
