import type { RequestContext } from '../context.js'
import type { TwoFactorRecord } from './types.js'
import type { TwoFactorAdapter } from './config.js'
import { adapterCall } from '../session/database-session.js'
import { Configuration } from '../errors.js'
import { matchStep } from './totp.js'
import { openSecret } from './secret-box.js'
import { hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes.js'

export type CodeResult = { ok: true; kind: 'totp'; step: number } | { ok: true; kind: 'recovery' } | { ok: false }

/** The record's plain TOTP secret; a record that does not decrypt is a server fault, never a pass. */
export async function secretOf(ctx: RequestContext, uid: string, record: TwoFactorRecord): Promise<string> {
  const plain = await openSecret(ctx.options.secret, uid, record.secret)
  if (!plain) throw new Configuration('A stored two-factor secret does not decrypt: AUTH_SECRET changed without keeping the old one, or the row was altered')
  return plain
}

/**
 * Check a code typed by the user and use it up: a TOTP code of a step within ±1 of now and after the last used
 * step (recorded atomically), or, when `allowRecovery`, an unused recovery code (removed atomically).
 */
export async function useCode(ctx: RequestContext, adapter: TwoFactorAdapter, uid: string, record: TwoFactorRecord, input: unknown, allowRecovery: boolean): Promise<CodeResult> {
  if (typeof input !== 'string' || input.length > 64) return { ok: false }
  const code = input.replace(/\s/g, '')
  if (/^[0-9]{6}$/.test(code)) {
    const step = matchStep(await secretOf(ctx, uid, record), code, ctx.options.now() * 1000)
    if (step === null) return { ok: false }
    if (!(await adapterCall('markTotpStep', () => adapter.markTotpStep(uid, step)))) return { ok: false }
    return { ok: true, kind: 'totp', step }
  }
  const normalized = allowRecovery ? normalizeRecoveryCode(code) : null
  if (!normalized) return { ok: false }
  for (const hash of await hashRecoveryCode(ctx.options.secret, uid, normalized)) {
    if (await adapterCall('useRecoveryCode', () => adapter.useRecoveryCode(uid, hash))) return { ok: true, kind: 'recovery' }
  }
  return { ok: false }
}
