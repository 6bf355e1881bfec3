import { defineProvider } from './provider-defaults.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** The Notion user who authorized the integration (`owner.user` of the token response). */
export interface NotionProfile extends Record<string, unknown> {
  object: 'user'
  id: string
  type?: 'person' | 'bot'
  name: string | null
  avatar_url: string | null
  person?: { email?: string }
}

const NOTION_VERSION = '2022-06-28'

async function notionUserinfo({ tokens, fetch }: UserinfoRequestContext): Promise<NotionProfile> {
  // Notion's token response names the authorizing user; /v1/users/<id> fills in what it leaves out.
  const owner = tokens.owner as { type?: string; user?: NotionProfile } | undefined
  const user = owner?.user
  if (!user?.id) throw new Error('Notion token response has no owner user')
  if (user.person?.email) return user
  const res = await fetch(`https://api.notion.com/v1/users/${encodeURIComponent(user.id)}`, {
    headers: { authorization: `Bearer ${tokens.access_token}`, 'notion-version': NOTION_VERSION, accept: 'application/json' },
  })
  return res.ok ? ({ ...user, ...((await res.json()) as NotionProfile) }) : user
}

export default function Notion(options: Partial<OAuthConfig<NotionProfile>> = {}): OAuthConfig<NotionProfile> {
  return defineProvider<NotionProfile>(
    {
      id: 'notion',
      name: 'Notion',
      type: 'oauth',
      authorization: { url: 'https://api.notion.com/v1/oauth/authorize', params: { owner: 'user' } },
      token: 'https://api.notion.com/v1/oauth/token',
      userinfo: { url: 'https://api.notion.com/v1/users/me', request: notionUserinfo },
      profile: (p) => ({ id: p.id, name: p.name, email: p.person?.email ?? null, image: p.avatar_url }),
      style: { bg: '#fff', text: '#000' },
    },
    options,
  )
}

export { Notion }
