import { defineProvider } from './provider-defaults.js'
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
    if (!profile.email) {
      // Private address: ask /user/emails (needs the user:email scope); a failure leaves email null.
      const emails = await fetch(`${apiUrl}/user/emails`, { headers })
      if (emails.ok) profile.email = pickGitHubEmail((await emails.json()) as GitHubEmail[])
    }
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
      profile: (p) => ({ id: String(p.id), name: p.name ?? p.login, email: p.email, image: p.avatar_url }),
      style: { bg: '#24292f', text: '#fff' },
    },
    rest,
  )
}

export { GitHub }
