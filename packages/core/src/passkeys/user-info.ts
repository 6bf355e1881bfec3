import type { RequestContext } from '../context.js'
import type { Adapter } from '../adapters/types.js'
import type { WebAuthnConfig, WebAuthnUserInfo } from './provider.js'
import { InvalidRequest } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { normalizeEmail } from '../providers/email.js'

/** Who a signed-out options request is about: an existing user, a new one to register, or nobody (`null`). */
export type SignedOutUser = { exists: true } | { exists: false; user: WebAuthnUserInfo } | null

/** A sign-up's user rides in the challenge cookie: bound its size. */
const MAX_USER_JSON = 2048
const MAX_NAME = 200

/**
 * The provider's `getUserInfo` (Auth.js's shape and meaning), or the default: the `email` query parameter (plus
 * `name`), looked up with `getUserByEmail`. A new user's address is normalized as every address Latch stores;
 * a malformed one is a 400. `getUserInfo` answering outside its contract is a configuration error.
 */
export async function signedOutUser(ctx: RequestContext, provider: WebAuthnConfig, adapter: Adapter): Promise<SignedOutUser> {
  if (typeof provider.getUserInfo !== 'function') return defaultUserInfo(ctx, adapter)
  const url = new URL(ctx.request.url)
  const answer: unknown = await provider.getUserInfo(
    { adapter, provider, url: new URL(ctx.authUrl) },
    {
      url,
      method: ctx.method,
      headers: Object.fromEntries(ctx.request.headers),
      cookies: Object.fromEntries(ctx.jar),
      query: { ...ctx.query },
      ...(ctx.body ? { body: { ...ctx.body } } : {}),
    },
  )
  if (answer === null || answer === undefined) return null
  if (typeof answer !== 'object' || typeof (answer as { exists?: unknown }).exists !== 'boolean' || typeof (answer as { user?: unknown }).user !== 'object' || !(answer as { user?: unknown }).user) {
    throw new Error(`The ${provider.id} provider's getUserInfo must return { user, exists: true | false } or null`)
  }
  const { user, exists } = answer as { user: Record<string, unknown>; exists: boolean }
  if (exists) return { exists: true }
  return { exists: false, user: newUser(user) }
}

async function defaultUserInfo(ctx: RequestContext, adapter: Adapter): Promise<SignedOutUser> {
  const raw = ctx.query.email
  if (raw === undefined || raw === '') return null
  const email = emailOf(raw)
  const existing = adapter.getUserByEmail ? await adapterCall('getUserByEmail', () => adapter.getUserByEmail!(email)) : null
  if (existing) return { exists: true }
  const name = typeof ctx.query.name === 'string' && ctx.query.name.length <= MAX_NAME ? ctx.query.name : undefined
  return { exists: false, user: { email, ...(name ? { name } : {}) } }
}

function emailOf(value: unknown): string {
  try {
    return normalizeEmail(value)
  } catch {
    throw new InvalidRequest('The email address is not valid')
  }
}

/** The fields of a new user `createUser` receives: never an id or a verified address, JSON only, bounded. */
function newUser(user: Record<string, unknown>): WebAuthnUserInfo {
  const { id: _id, emailVerified: _verified, email, name, ...rest } = user
  if (typeof email !== 'string') throw new InvalidRequest('Registering a passkey needs an email address')
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > MAX_NAME)) throw new InvalidRequest('The name is not valid')
  const out: WebAuthnUserInfo = { ...rest, email: emailOf(email), ...(typeof name === 'string' && name ? { name } : {}) }
  let json: string
  try {
    json = JSON.stringify(out)
  } catch {
    throw new Error("getUserInfo's new user must be JSON-serializable")
  }
  if (json.length > MAX_USER_JSON) throw new Error(`getUserInfo's new user is too large (at most ${MAX_USER_JSON} bytes of JSON)`)
  return JSON.parse(json) as WebAuthnUserInfo
}
