import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { TwoFactorRecord } from './types.js'
import { TwoFactorCodeInvalid, TwoFactorPendingInvalid, UnknownAction } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { ensureCsrf } from '../actions/csrf.js'
import { issueSession } from '../actions/complete-signin.js'
import { issuerOf, settings, twoFactorAdapter } from './config.js'
import { clearPending, readPending, type PendingState } from './pending.js'
import { secretOf, useCode } from './check.js'
import { newSecret, otpauthUri, qrSvg } from './totp.js'
import { sealSecret } from './secret-box.js'
import { newRecoveryCodes, hashRecoveryCode } from './recovery-codes.js'
import { enrollPage, promptPage, recoveryCodesPage } from './pages.js'
import { customPage, queryCode } from '../pages/custom.js'
import { jsonErrors, jsonOut, pageOut, wantsJson } from './respond.js'

/**
 * GET /two-factor: the code prompt (or, for a user `required` to enroll, the enrollment step) of a pending sign-in.
 * POST /two-factor (CSRF-checked): the code. Only a valid, unused code issues the session: the rest of
 * completeSignIn (jwt callback, signIn event, redirect to the original callbackUrl) runs then.
 */
export async function twoFactorAction(ctx: RequestContext): Promise<ResponseInternal> {
  if (!ctx.options.config.twoFactor) throw new UnknownAction('Two-factor sign-in is not configured (config.twoFactor)')
  return jsonErrors(ctx, () => (ctx.method === 'GET' ? show(ctx) : submit(ctx)))
}

async function pendingOrThrow(ctx: RequestContext): Promise<PendingState> {
  const pending = await readPending(ctx)
  if (!pending) throw new TwoFactorPendingInvalid()
  return pending
}

const action = (ctx: RequestContext) => `${ctx.authUrl}/two-factor`

/** Enrollment during sign-in: the unconfirmed secret (a new one the first time) until a code confirms it. */
async function startEnrollment(ctx: RequestContext, pending: PendingState, record: TwoFactorRecord | null) {
  const adapter = twoFactorAdapter(ctx)
  let secret: string
  if (record) secret = await secretOf(ctx, pending.uid, record)
  else {
    secret = newSecret()
    const sealed = await sealSecret(ctx.options.secret, pending.uid, secret)
    await adapterCall('setTwoFactor', () => adapter.setTwoFactor(pending.uid, { secret: sealed, confirmedAt: null, lastUsedStep: null, recoveryCodes: [] }))
  }
  const uri = otpauthUri(secret, pending.user.email ?? pending.uid, issuerOf(ctx))
  return { secret, uri }
}

async function show(ctx: RequestContext, error?: string, status = 200): Promise<ResponseInternal> {
  const pending = await pendingOrThrow(ctx)
  const adapter = twoFactorAdapter(ctx)
  const csrf = await ensureCsrf(ctx)
  const cookies = csrf.cookie ? [csrf.cookie] : []
  const record = await adapterCall('getTwoFactor', () => adapter.getTwoFactor(pending.uid))
  const enrolling = pending.enroll && !record?.confirmedAt
  // The app's own prompt (pages.twoFactor): it reads the step's details as JSON from this route.
  const own = wantsJson(ctx) ? undefined : customPage(ctx, 'twoFactor', { step: enrolling ? 'enroll' : 'verify', error: error ? 'TwoFactorCodeInvalid' : queryCode(ctx) }, cookies)
  if (own) return own
  if (enrolling) {
    const { secret, uri } = await startEnrollment(ctx, pending, record)
    if (wantsJson(ctx)) return jsonOut({ twoFactor: 'enroll', secret, uri, ...(error ? { error } : {}) }, cookies, status)
    return pageOut(enrollPage({ action: action(ctx), csrfToken: csrf.token, secret, uri, svg: qrSvg(uri), error, theme: ctx.options.theme }), cookies, status)
  }
  if (wantsJson(ctx)) return jsonOut({ twoFactor: 'verify', ...(error ? { error } : {}) }, cookies, status)
  return pageOut(promptPage({ action: action(ctx), csrfToken: csrf.token, error, theme: ctx.options.theme }), cookies, status)
}

async function submit(ctx: RequestContext): Promise<ResponseInternal> {
  const pending = await pendingOrThrow(ctx)
  const cfg = settings(ctx)
  const adapter = twoFactorAdapter(ctx)
  const limit = await rateLimit(ctx, 'two-factor', pending.uid, { identifier: cfg.rule, ip: { max: cfg.rule.max * 10, windowSeconds: cfg.rule.windowSeconds } })
  if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  const record = await adapterCall('getTwoFactor', () => adapter.getTwoFactor(pending.uid))
  // 2FA turned off (or never confirmed) since the first factor, and not enrolling now: start again.
  if (!record || (!record.confirmedAt && !pending.enroll)) throw new TwoFactorPendingInvalid()
  const enrolling = !record.confirmedAt
  const result = await useCode(ctx, adapter, pending.uid, record, ctx.body?.code, !enrolling)
  if (!result.ok) {
    const err = new TwoFactorCodeInvalid()
    ctx.options.logger.warn(err.code, err.message)
    if (wantsJson(ctx)) return jsonOut({ error: err.code, message: err.message }, [], 400)
    return show(ctx, 'That code is wrong or was already used.', 400)
  }
  await limit.succeeded([pending.uid])
  let codes: string[] | undefined
  if (enrolling && result.kind === 'totp') {
    codes = newRecoveryCodes(cfg.recoveryCodes)
    const hashes = await Promise.all(codes.map(async (c) => (await hashRecoveryCode(ctx.options.secret, pending.uid, c.replace('-', '')))[0]!))
    await adapterCall('setTwoFactor', () => adapter.setTwoFactor(pending.uid, { ...record, confirmedAt: new Date(ctx.options.now() * 1000), lastUsedStep: result.step, recoveryCodes: hashes }))
  }
  if (pending.provider) ctx.provider = ctx.options.providers.find((p) => p.id === pending.provider)
  const res = await issueSession(ctx, {
    user: pending.user,
    account: pending.account,
    ...(pending.profile ? { profile: pending.profile } : {}),
    isNewUser: pending.isNewUser,
    cookies: clearPending(ctx),
    twoFactorEnabled: true,
    callbackUrl: pending.url,
  })
  if (!codes) return res.redirect && wantsJson(ctx) ? jsonOut({ url: res.redirect }, res.cookies) : res
  // Enrolled while signing in: show the recovery codes once, with the session already set.
  const url = res.redirect ?? (res.body as { url?: string } | undefined)?.url ?? pending.url
  if (wantsJson(ctx)) return jsonOut({ url, recoveryCodes: codes }, res.cookies)
  return pageOut(recoveryCodesPage({ codes, continueUrl: url, theme: ctx.options.theme }), res.cookies)
}
