import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/#api-user-get */
export interface BitbucketProfile extends Record<string, unknown> {
  uuid: string
  account_id?: string
  username?: string
  nickname?: string
  display_name: string
  links: { avatar?: { href: string }; html?: { href: string } }
  /** Filled from `/user/emails` (primary confirmed address). */
  email?: string | null
  /** Set by Latch: true when `email` is a confirmed address from `/user/emails`. */
  email_verified?: boolean
}

interface BitbucketEmails {
  values?: { email: string; is_primary: boolean; is_confirmed: boolean }[]
}

async function bitbucketUserinfo({ tokens, fetch }: UserinfoRequestContext): Promise<BitbucketProfile> {
  const headers = { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' }
  const res = await fetch('https://api.bitbucket.org/2.0/user', { headers })
  if (!res.ok) throw new Error(`Bitbucket /user answered ${res.status}`)
  const profile = (await res.json()) as BitbucketProfile
  const emails = await fetch('https://api.bitbucket.org/2.0/user/emails', { headers })
  if (emails.ok) {
    const list = ((await emails.json()) as BitbucketEmails).values ?? []
    profile.email = (list.find((e) => e.is_primary && e.is_confirmed) ?? list.find((e) => e.is_confirmed))?.email ?? null
    profile.email_verified = profile.email !== null
  } else {
    profile.email = null
  }
  return profile
}

export default function Bitbucket(options: Partial<OAuthConfig<BitbucketProfile>> = {}): OAuthConfig<BitbucketProfile> {
  return defineProvider<BitbucketProfile>(
    {
      id: 'bitbucket',
      name: 'Bitbucket',
      type: 'oauth',
      authorization: { url: 'https://bitbucket.org/site/oauth2/authorize', params: { scope: 'account email' } },
      token: 'https://bitbucket.org/site/oauth2/access_token',
      userinfo: { url: 'https://api.bitbucket.org/2.0/user', request: bitbucketUserinfo },
      profile: (p) => ({ id: p.uuid, name: p.display_name ?? p.nickname ?? null, email: p.email ?? null, emailVerified: affirmedEmail(p.email_verified), image: p.links?.avatar?.href ?? null }),
      style: { bg: '#205081', text: '#fff' },
    },
    options,
  )
}

export { Bitbucket }
