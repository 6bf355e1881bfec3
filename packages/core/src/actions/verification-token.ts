import type { RequestContext } from '../context.js'
import type { EmailConfig } from '../providers/types.js'
import type { Adapter, AdapterUser } from '../adapters/types.js'
import type { Account } from '../types.js'
import { adapterCall } from '../session/database-session.js'
import { toHex } from '../tokens/compare.js'

/** 32 random bytes as hex: the secret half of a magic link. */
export function randomVerificationToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)))
}

/** What the database stores: SHA-256 of token + secret, hex. A leaked table yields no usable links. */
export async function hashVerificationToken(token: string, secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${token}${secret}`))
  return toHex(new Uint8Array(digest))
}

/** Secrets a link may have been hashed with: the provider's own, else every rotated AUTH_SECRET (first = current). */
export function verificationSecrets(ctx: RequestContext, provider: EmailConfig): string[] {
  return typeof provider.secret === 'string' && provider.secret ? [provider.secret] : ctx.options.secret
}

/** The user an email address signs in as (existing, or a new one to create) and its `email` account. */
export async function emailUser(
  adapter: Adapter,
  provider: EmailConfig,
  identifier: string,
): Promise<{ user: AdapterUser; account: Account }> {
  const existing = (await adapterCall('getUserByEmail', () => adapter.getUserByEmail?.(identifier))) ?? null
  // A holder that never proved the address is not who this link signs in (see provenHolder in adapter-signin).
  const user: AdapterUser = existing?.emailVerified ? existing : { id: crypto.randomUUID(), email: identifier, emailVerified: null }
  return { user, account: { providerAccountId: identifier, userId: user.id, type: 'email', provider: provider.id } }
}
