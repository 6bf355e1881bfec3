import type { RequestContext, ResponseInternal } from '../context.js'
import type { AdapterUser } from '../adapters/types.js'
import { InvalidRequest, MissingAdapter, Verification } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { readJwtSession, writeJwtSession } from '../session/jwt-session.js'
import { keepAuthTime } from '../session/signed-in.js'
import { str } from '../http/body.js'
import { InvalidEmailAddress, normalizeEmail } from '../providers/email.js'
import { decode, encode } from '../tokens/jwt.js'
import { hashVerificationToken, randomVerificationToken } from '../actions/verification-token.js'
import { emit } from '../actions/events.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { ensureCsrf, verifyCsrf } from '../actions/csrf.js'
import type { Cookie } from '../http/cookies.js'
import { emailChangeConfirmPage } from './page.js'
import { canSendVerification, emailChangedMessage, sendAccountEmail, verifyNewEmailMessage } from './mail.js'
import { accountAdapter, accountUser } from './user.js'
import { done } from './respond.js'
import { inBackground } from '../background/run.js'

/**
 * Changing the address: POST account/email (recent sign-in, CSRF) mails a link to the NEW address; nothing
 * changes until that link is followed. The link carries a sealed token (user, new address, a random id); the id
 * is stored hashed as a verification token, so the link is single-use (consumed atomically) and expires. Its GET
 * only shows a confirmation page (mail scanners consume nothing); the page's CSRF-checked POST applies the
 * change, marks the address verified and tells the old address. An address another account uses is refused.
 */
const SALT = 'authjs.account-email-change'
const DAY = 24 * 60 * 60

interface ChangeToken {
  uid: string
  email: string
  rid: string
}

function identifierOf(uid: string): string {
  return `latch:email-change:${uid}`
}

function verificationAdapter(ctx: RequestContext) {
  const adapter = accountAdapter(ctx)
  if (!adapter.createVerificationToken || !adapter.useVerificationToken || !adapter.getUserByEmail || !adapter.updateUser) {
    throw new MissingAdapter('Changing the e-mail address needs adapter verification tokens, getUserByEmail and updateUser')
  }
  return adapter
}

function maxAge(ctx: RequestContext): number {
  const v = ctx.options.config.account?.emailChangeMaxAge
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), 7 * DAY) : DAY
}

function newAddress(input: unknown): string {
  try {
    return normalizeEmail(str(input) ?? '')
  } catch (e) {
    if (e instanceof InvalidEmailAddress) throw new InvalidRequest(`The new e-mail address is invalid: ${e.message}`)
    throw e
  }
}

/** POST account/email { email } */
export async function requestEmailChange(ctx: RequestContext): Promise<ResponseInternal> {
  const adapter = verificationAdapter(ctx)
  canSendVerification(ctx)
  const { user } = await accountUser(ctx, true)
  const email = newAddress(ctx.body?.email)
  if (email === user.email) throw new InvalidRequest('That is already the address of this account')
  // Each request mails someone: counted per user, per target address and per client, like a magic link.
  const limit = await rateLimit(ctx, 'email', [`account:${user.id}`, email])
  if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  const taken = await adapterCall('getUserByEmail', () => adapter.getUserByEmail!(email))
  // The same answer either way (no lookup of who owns which address); an address in use gets no link.
  if (taken) {
    ctx.options.logger.debug('account: e-mail change to an address in use; no link sent')
    return done(ctx, 'email-sent', { sent: true })
  }
  // The link is stored and mailed after the answer (background/run.ts), so a taken address, which gets none,
  // answers in the same time.
  inBackground(ctx, 'e-mail change link', async () => {
    const now = ctx.options.now()
    const rid = randomVerificationToken()
    const expires = new Date((now + maxAge(ctx)) * 1000)
    const hashed = await hashVerificationToken(rid, ctx.options.secret[0]!)
    await adapterCall('createVerificationToken', () => adapter.createVerificationToken!({ identifier: identifierOf(user.id), token: hashed, expires }))
    const token = await encode({ token: { uid: user.id, email, rid } satisfies ChangeToken, salt: SALT, secret: ctx.options.secret, maxAge: maxAge(ctx), now })
    const url = new URL(`${ctx.authUrl}/account/email/confirm`)
    url.searchParams.set('token', token)
    await sendAccountEmail(ctx, verifyNewEmailMessage(ctx, email, url.href, expires))
  })
  return done(ctx, 'email-sent', { sent: true })
}

async function readChangeToken(ctx: RequestContext): Promise<{ raw: string; change: ChangeToken }> {
  const source = ctx.method === 'POST' ? (ctx.body ?? {}) : ctx.query
  const raw = str(source.token)
  if (!raw || raw.length > 4096) throw new Verification('The e-mail change link is missing its token')
  const change = await decode<Partial<ChangeToken>>({ token: raw, salt: SALT, secret: ctx.options.secret, now: ctx.options.now() }).catch(() => null)
  if (!change || typeof change.uid !== 'string' || typeof change.email !== 'string' || typeof change.rid !== 'string') {
    throw new Verification('The e-mail change link is invalid or has expired')
  }
  return { raw, change: change as ChangeToken }
}

/** GET account/email/confirm?token= — the confirmation page; consumes nothing, changes nothing. */
export async function confirmEmailChangePage(ctx: RequestContext): Promise<ResponseInternal> {
  verificationAdapter(ctx)
  const { raw, change } = await readChangeToken(ctx)
  const csrf = await ensureCsrf(ctx)
  const page = emailChangeConfirmPage({ action: `${ctx.authUrl}/account/email/confirm`, csrfToken: csrf.token, token: raw, email: change.email, theme: ctx.options.theme })
  return { status: 200, body: page.body, headers: page.headers, cookies: csrf.cookie ? [csrf.cookie] : [] }
}

/** POST account/email/confirm { token, csrfToken } — consume the link and apply the change. */
export async function confirmEmailChange(ctx: RequestContext): Promise<ResponseInternal> {
  const adapter = verificationAdapter(ctx)
  await verifyCsrf(ctx)
  const { change } = await readChangeToken(ctx)
  let used = false
  for (const secret of ctx.options.secret) {
    const hashed = await hashVerificationToken(change.rid, secret)
    const row = await adapterCall('useVerificationToken', () => adapter.useVerificationToken!({ identifier: identifierOf(change.uid), token: hashed }))
    if (row && row.identifier === identifierOf(change.uid) && row.token === hashed) {
      if (new Date(row.expires).getTime() <= ctx.options.now() * 1000) throw new Verification('The e-mail change link has expired')
      used = true
      break
    }
  }
  if (!used) throw new Verification('The e-mail change link is invalid or was already used')
  const before = (await adapterCall('getUser', () => adapter.getUser!(change.uid))) as AdapterUser | null
  if (!before) throw new Verification('The account of this link no longer exists')
  const owner = await adapterCall('getUserByEmail', () => adapter.getUserByEmail!(change.email))
  if (owner && owner.id !== before.id) throw new InvalidRequest('Another account uses this address now')
  const user = (await adapterCall('updateUser', () =>
    adapter.updateUser!({ id: before.id, email: change.email, emailVerified: new Date(ctx.options.now() * 1000) }),
  )) as AdapterUser
  await emit(ctx, 'updateUser', { user })
  if (before.email && before.email !== change.email) await sendAccountEmail(ctx, emailChangedMessage(ctx, before.email, change.email))
  return done(ctx, 'email-changed', { email: change.email }, await reissuedJwt(ctx, before.id, change.email))
}

/** A JWT session of this user in this browser carries the address: re-issue it with the new one (same sign-in time). */
async function reissuedJwt(ctx: RequestContext, userId: string, email: string): Promise<Cookie[]> {
  if (ctx.options.session.strategy !== 'jwt') return []
  const found = await readJwtSession(ctx)
  if (!found || found.token.sub !== userId) return []
  return writeJwtSession(ctx, keepAuthTime(found.token, { ...found.token, email }))
}
