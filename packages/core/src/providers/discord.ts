import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OAuthConfig } from './types.js'

/** https://discord.com/developers/docs/resources/user#user-object */
export interface DiscordProfile extends Record<string, unknown> {
  id: string
  username: string
  discriminator: string
  global_name: string | null
  avatar: string | null
  email: string | null
  verified?: boolean
  locale?: string
  mfa_enabled?: boolean
}

/** The avatar URL, or Discord's default avatar for users without one. */
export function discordAvatar(p: Pick<DiscordProfile, 'id' | 'avatar' | 'discriminator'>): string {
  if (p.avatar) {
    const ext = p.avatar.startsWith('a_') ? 'gif' : 'png'
    return `https://cdn.discordapp.com/avatars/${p.id}/${p.avatar}.${ext}`
  }
  const index = p.discriminator === '0' || !p.discriminator ? Number((BigInt(p.id) >> 22n) % 6n) : Number(p.discriminator) % 5
  return `https://cdn.discordapp.com/embed/avatars/${index}.png`
}

export default function Discord(options: Partial<OAuthConfig<DiscordProfile>> = {}): OAuthConfig<DiscordProfile> {
  return defineProvider<DiscordProfile>(
    {
      id: 'discord',
      name: 'Discord',
      type: 'oauth',
      authorization: { url: 'https://discord.com/oauth2/authorize', params: { scope: 'identify email' } },
      token: 'https://discord.com/api/oauth2/token',
      userinfo: 'https://discord.com/api/users/@me',
      profile: (p) => ({ id: p.id, name: p.global_name ?? p.username, email: p.email, emailVerified: affirmedEmail(p.verified), image: discordAvatar(p) }),
      style: { bg: '#5865F2', text: '#fff' },
    },
    options,
  )
}

export { Discord }
