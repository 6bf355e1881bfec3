import type { Adapter, AdapterUser } from '../adapters/types.js'
import type { Account } from '../types.js'

/**
 * A sign-up through an OAuth account writes two rows: `createUser`, then `linkAccount`. A process killed between
 * them, or a store that fails or times out on the second, leaves a user with the person's address and no account;
 * the next attempt then finds that address taken (`OAuthAccountNotLinked`) and the person is locked out.
 *
 * So the user such a sign-up creates gets an id derived from the account: HMAC-SHA256(secret, provider, account id,
 * 10-minute window), as a UUID. A later attempt of the same account within that window or the next one finds the
 * unfinished user by its address, recognises the id (nobody without the secret can make it) and finishes the link.
 * Outside that window the rule of the address holds as before. An adapter that picks its own ids makes this a no-op.
 */
const WINDOW_SECONDS = 600

async function derive(secret: string, account: Pick<Account, 'provider' | 'providerAccountId'>, window: number): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`latch-signup\0${account.provider}\0${account.providerAccountId}\0${window}`)))
  const b = mac.slice(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x80 // UUID version 8 (custom)
  b[8] = (b[8]! & 0x3f) | 0x80 // RFC 9562 variant
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The ids a sign-up of `account` would have used now and in the previous window (current secret). */
function idsOf(secret: string, account: Account, nowSeconds: number): Promise<string[]> {
  const window = Math.floor(nowSeconds / WINDOW_SECONDS)
  return Promise.all([derive(secret, account, window), derive(secret, account, window - 1)])
}

/**
 * Whether `user` is the one an unfinished sign-up of this very account created (within the last 10-20 minutes).
 * An unfinished sign-up has no linked account: a user that has one (say the person unlinked this account since,
 * because it was not theirs to keep) is never adopted this way, when the adapter can list accounts.
 */
export async function isUnfinishedSignUp(adapter: Adapter, secret: string, account: Account, user: AdapterUser, nowSeconds: number): Promise<boolean> {
  if (!(await idsOf(secret, account, nowSeconds)).includes(user.id)) return false
  if (typeof adapter.listAccounts !== 'function') return true
  return Promise.resolve(adapter.listAccounts(user.id)).then((accounts) => accounts.length === 0, () => false)
}

/**
 * The id for a new user signing up through `account`: the derived one, unless a user already has it (the same
 * account signed up, was unlinked and signs up again within the window), then a random one.
 */
export async function signUpId(adapter: Adapter, secret: string, account: Account, nowSeconds: number): Promise<string> {
  const [id] = await idsOf(secret, account, nowSeconds)
  if (typeof adapter.getUser !== 'function') return crypto.randomUUID()
  // A failing lookup (an adapter that cannot parse a UUID, a store outage) just means a random id, as before.
  const taken = await Promise.resolve(adapter.getUser(id!)).then((u) => !!u, () => true)
  return taken ? crypto.randomUUID() : id!
}
