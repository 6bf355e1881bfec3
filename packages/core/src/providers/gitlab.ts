import { defineProvider } from './provider-defaults.js'
import type { OAuthConfig } from './types.js'

/** https://docs.gitlab.com/ee/api/users.html#for-normal-users-1 */
export interface GitLabProfile extends Record<string, unknown> {
  id: number
  username: string
  name: string
  email: string | null
  avatar_url: string | null
  state?: string
  web_url?: string
  public_email?: string | null
}

export interface GitLabOptions extends Partial<OAuthConfig<GitLabProfile>> {
  /** Self-managed GitLab, e.g. `https://gitlab.example.com`. */
  baseUrl?: string
}

export default function GitLab(options: GitLabOptions = {}): OAuthConfig<GitLabProfile> {
  const { baseUrl, ...rest } = options
  const base = (baseUrl ?? 'https://gitlab.com').replace(/\/+$/, '')
  return defineProvider<GitLabProfile>(
    {
      id: 'gitlab',
      name: 'GitLab',
      type: 'oauth',
      authorization: { url: `${base}/oauth/authorize`, params: { scope: 'read_user' } },
      token: `${base}/oauth/token`,
      userinfo: `${base}/api/v4/user`,
      profile: (p) => ({ id: String(p.id), name: p.name ?? p.username, email: p.email ?? p.public_email ?? null, image: p.avatar_url }),
      style: { bg: '#FC6D26', text: '#fff' },
    },
    rest,
  )
}

export { GitLab }
