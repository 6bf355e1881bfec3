import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

export interface GitHubEmail {
  email: string
  primary: boolean
  verified: boolean
  visibility: 'public' | 'private' | null
}

/** https://docs.github.com/en/rest/users/users#get-the-authenticated-user */
export interface GitHubProfile extends Record<string, unknown> {
  login: string
  id: number
  node_id?: string
  avatar_url: string
  html_url?: string
  name: string | null
  company?: string | null
  blog?: string | null
  location?: string | null
  email: string | null
  bio?: string | null
  twitter_username?: string | null
  created_at?: string
  /** Set by Latch: true when `email` is listed with `verified: true` by `/user/emails`. */
  email_verified?: boolean
}

export interface GitHubOptions extends Partial<OAuthConfig<GitHubProfile>> {
  /** GitHub Enterprise Server, e.g. `{ baseUrl: 'https://github.example.com' }`. */
  enterprise?: { baseUrl?: string }
}

/** The primary verified address, else any verified one. */
export function pickGitHubEmail(emails: GitHubEmail[]): string | null {
  if (!Array.isArray(emails)) return null
  return (emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified))?.email ?? null
}

function githubUserinfo(apiUrl: string) {
  return async ({ tokens, fetch }: UserinfoRequestContext): Promise<GitHubProfile> => {
    const headers = { authorization: `Bearer ${tokens.access_token}`, accept: 'application/vnd.github+json', 'user-agent': 'latch' }
    const res = await fetch(`${apiUrl}/user`, { headers })
    if (!res.ok) throw new Error(`GitHub /user answered ${res.status}`)
    const profile = (await res.json()) as GitHubProfile
    // /user/emails (user:email scope) says which addresses GitHub verified; the public `email` of /user does
    // not. The public address counts as verified only when that list marks it so; a failure verifies nothing.
    const res2 = await fetch(`${apiUrl}/user/emails`, { headers })
    const list = res2.ok ? ((await res2.json().catch(() => [])) as GitHubEmail[]) : []
    if (!profile.email) profile.email = pickGitHubEmail(list)
    profile.email_verified = !!profile.email && Array.isArray(list) && list.some((e) => e?.email === profile.email && e.verified === true)
    return profile
  }
}

export default function GitHub(options: GitHubOptions = {}): OAuthConfig<GitHubProfile> {
  const { enterprise, ...rest } = options
  const base = enterprise?.baseUrl?.replace(/\/+$/, '') ?? 'https://github.com'
  const apiUrl = enterprise?.baseUrl ? `${base}/api/v3` : 'https://api.github.com'
  return defineProvider<GitHubProfile>(
    {
      id: 'github',
      name: 'GitHub',
      type: 'oauth',
      authorization: { url: `${base}/login/oauth/authorize`, params: { scope: 'read:user user:email' } },
      token: `${base}/login/oauth/access_token`,
      userinfo: { url: `${apiUrl}/user`, request: githubUserinfo(apiUrl) },
      profile: (p) => ({ id: String(p.id), name: p.name ?? p.login, email: p.email, emailVerified: affirmedEmail(p.email_verified), image: p.avatar_url }),
      style: { bg: '#24292f', text: '#fff' },
    },
    rest,
  )
}

export { GitHub }
