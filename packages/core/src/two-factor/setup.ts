import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { TwoFactorRecord } from './types.js'
import { InvalidRequest, TwoFactorCodeInvalid, UnknownAction } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { requireRecentSignIn, requireSignedIn, type SignedIn } from '../session/signed-in.js'
import { writeJwtSession } from '../session/jwt-session.js'
import { TWO_FACTOR_CLAIM } from '../session/claims.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { ensureCsrf } from '../actions/csrf.js'
import { str } from '../http/body.js'
import { issuerOf, settings, twoFactorAdapter, type TwoFactorAdapter } from './config.js'
import { useCode } from './check.js'
import { newSecret, otpauthUri, qrSvg } from './totp.js'
import { sealSecret } from './secret-box.js'
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js'
import { enrollPage, recoveryCodesPage, setupPage } from './pages.js'
import { customPage, queryCode } from '../pages/custom.js'
import { jsonErrors, jsonOut, pageOut, wantsJson } from './respond.js'

/**
 * /two-factor-setup, for the signed-in user. GET: status (JSON) or the built-in page. POST (CSRF-checked) with
 * `intent`: `enroll` (a new, inactive secret: otpauth URI and QR), `confirm` (a first code turns it on and returns
 * the recovery codes), `recovery-codes` (a fresh code replaces them), `disable` (a fresh code or a recovery code).
 * Every POST needs a recent sign-in (session.freshAge); every code check is rate limited per user and per client.
 */
export async function twoFactorSetupAction(ctx: RequestContext): Promise<ResponseInternal> {
  if (!ctx.options.config.twoFactor) throw new UnknownAction('Two-factor sign-in is not configured (config.twoFactor)')
  return jsonErrors(ctx, async () => {
    if (ctx.method === 'GET') return status(ctx, await requireSignedIn(ctx))
    const who = await requireRecentSignIn(ctx)
    const intent = str(ctx.body?.intent)
    if (intent === 'enroll') return enroll(ctx, who)
    if (intent === 'confirm' || intent === 'recovery-codes' || intent === 'disable') return withCode(ctx, who, intent)
    throw new InvalidRequest('intent must be enroll, confirm, recovery-codes or disable')
  })
}

const action = (ctx: RequestContext) => `${ctx.authUrl}/two-factor-setup`

async function recordOf(ctx: RequestContext, adapter: TwoFactorAdapter, uid: string): Promise<TwoFactorRecord | null> {
  return adapterCall('getTwoFactor', () => adapter.getTwoFactor(uid))
}

async function status(ctx: RequestContext, who: SignedIn, message?: string, cookies: Cookie[] = []): Promise<ResponseInternal> {
  const record = await recordOf(ctx, twoFactorAdapter(ctx), who.userId)
  const enabled = !!record?.confirmedAt
  const remaining = enabled ? record!.recoveryCodes.length : 0
  if (wantsJson(ctx)) return jsonOut({ enabled, recoveryCodesLeft: remaining }, cookies)
  const own = customPage(ctx, 'twoFactorSetup', { error: queryCode(ctx) }, cookies)
  if (own) return own
  const csrf = await ensureCsrf(ctx)
  const page = setupPage({ action: action(ctx), csrfToken: csrf.token, enabled, remaining, message, theme: ctx.options.theme })
  return pageOut(page, [...cookies, ...(csrf.cookie ? [csrf.cookie] : [])])
}

async function enroll(ctx: RequestContext, who: SignedIn): Promise<ResponseInternal> {
  const adapter = twoFactorAdapter(ctx)
  const existing = await recordOf(ctx, adapter, who.userId)
  if (existing?.confirmedAt) throw new InvalidRequest('Two-factor authentication is already on; turn it off first')
  const secret = newSecret()
  const sealed = await sealSecret(ctx.options.secret, who.userId, secret)
  await adapterCall('setTwoFactor', () => adapter.setTwoFactor(who.userId, { secret: sealed, confirmedAt: null, lastUsedStep: null, recoveryCodes: [] }))
  const email = who.user?.email ?? who.token?.email
  const uri = otpauthUri(secret, typeof email === 'string' && email ? email : who.userId, issuerOf(ctx))
  if (wantsJson(ctx)) return jsonOut({ secret, uri })
  const csrf = await ensureCsrf(ctx)
  return pageOut(enrollPage({ action: action(ctx), csrfToken: csrf.token, secret, uri, svg: qrSvg(uri), intent: 'confirm', theme: ctx.options.theme }))
}

async function hashes(ctx: RequestContext, uid: string, codes: string[]): Promise<string[]> {
  return Promise.all(codes.map(async (c) => (await hashRecoveryCode(ctx.options.secret, uid, c.replace('-', '')))[0]!))
}

/** The JWT strategy: this browser's session carries the new two-factor state at once (other sessions at their next sign-in). */
async function claimCookies(ctx: RequestContext, who: SignedIn, enabled: boolean): Promise<Cookie[]> {
  if (who.strategy !== 'jwt' || !who.token) return []
  return writeJwtSession(ctx, { ...who.token, [TWO_FACTOR_CLAIM]: enabled })
}

async function withCode(ctx: RequestContext, who: SignedIn, intent: 'confirm' | 'recovery-codes' | 'disable'): Promise<ResponseInternal> {
  const cfg = settings(ctx)
  const adapter = twoFactorAdapter(ctx)
  const uid = who.userId
  const limit = await rateLimit(ctx, 'two-factor', uid, { identifier: cfg.rule, ip: { max: cfg.rule.max * 10, windowSeconds: cfg.rule.windowSeconds } })
  if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  const record = await recordOf(ctx, adapter, uid)
  if (!record) throw new InvalidRequest('Two-factor authentication is not set up')
  if (intent === 'confirm' ? !!record.confirmedAt : !record.confirmedAt) {
    throw new InvalidRequest(intent === 'confirm' ? 'Two-factor authentication is already on' : 'Two-factor authentication is not on')
  }
  // A recovery code may turn 2FA off (the authenticator is lost); confirming and new codes need the authenticator.
  const result = await useCode(ctx, adapter, uid, record, ctx.body?.code, intent === 'disable')
  if (!result.ok) {
    const err = new TwoFactorCodeInvalid()
    ctx.options.logger.warn(err.code, err.message)
    if (wantsJson(ctx)) return jsonOut({ error: err.code, message: err.message }, [], 400)
    const csrf = await ensureCsrf(ctx)
    const page = setupPage({ action: action(ctx), csrfToken: csrf.token, enabled: !!record.confirmedAt, remaining: record.recoveryCodes.length, error: 'That code is wrong or was already used.', theme: ctx.options.theme })
    return pageOut(page, csrf.cookie ? [csrf.cookie] : [], 400)
  }
  await limit.succeeded([uid])
  if (intent === 'disable') {
    await adapterCall('setTwoFactor', () => adapter.setTwoFactor(uid, null))
    return status(ctx, who, 'Two-factor authentication is off.', await claimCookies(ctx, who, false))
  }
  const codes = newRecoveryCodes(cfg.recoveryCodes)
  const fresh = (await recordOf(ctx, adapter, uid)) ?? record
  const step = result.kind === 'totp' ? result.step : null
  const lastUsedStep = Math.max(fresh.lastUsedStep ?? -1, step ?? -1)
  const confirmedAt = intent === 'confirm' ? new Date(ctx.options.now() * 1000) : fresh.confirmedAt
  await adapterCall('setTwoFactor', async () =>
    adapter.setTwoFactor(uid, { ...fresh, confirmedAt, lastUsedStep: lastUsedStep < 0 ? null : lastUsedStep, recoveryCodes: await hashes(ctx, uid, codes) }),
  )
  const cookies = intent === 'confirm' ? await claimCookies(ctx, who, true) : []
  if (wantsJson(ctx)) return jsonOut({ enabled: true, recoveryCodes: codes }, cookies)
  return pageOut(recoveryCodesPage({ codes, continueUrl: action(ctx), theme: ctx.options.theme }), cookies)
}
