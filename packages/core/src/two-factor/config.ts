import type { RequestContext } from '../context.js'
import type { Adapter } from '../adapters/types.js'
import type { TwoFactorConfig } from './types.js'
import { Configuration } from '../errors.js'

export interface TwoFactorSettings {
  issuer: string
  required: NonNullable<TwoFactorConfig['required']>
  passkeyCountsAsTwoFactors: boolean
  pendingMaxAge: number
  recoveryCodes: number
  rule: { max: number; windowSeconds: number }
}

export type TwoFactorAdapter = Required<Pick<Adapter, 'getTwoFactor' | 'setTwoFactor' | 'markTotpStep' | 'useRecoveryCode'>>

const cache = new WeakMap<TwoFactorConfig, TwoFactorSettings>()

function whole(value: number | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min || value > max) throw new Configuration(`twoFactor.${name} must be a whole number from ${min} to ${max}`)
  return value
}

/** `config.twoFactor` with defaults (cached per config object, never written). */
export function settings(ctx: RequestContext): TwoFactorSettings {
  const c = ctx.options.config.twoFactor
  if (!c) throw new Configuration('config.twoFactor is not set')
  const hit = cache.get(c)
  if (hit) return hit
  const rule = c.rateLimit ?? { max: 5, windowSeconds: 300 }
  if (!Number.isInteger(rule.max) || rule.max < 1 || !Number.isInteger(rule.windowSeconds) || rule.windowSeconds < 1) {
    throw new Configuration('twoFactor.rateLimit needs whole numbers max ≥ 1 and windowSeconds ≥ 1')
  }
  const s: TwoFactorSettings = {
    issuer: c.issuer ?? '',
    required: c.required ?? false,
    passkeyCountsAsTwoFactors: c.passkeyCountsAsTwoFactors ?? true,
    pendingMaxAge: whole(c.pendingMaxAge, 300, 60, 900, 'pendingMaxAge'),
    recoveryCodes: whole(c.recoveryCodes, 10, 4, 20, 'recoveryCodes'),
    rule,
  }
  cache.set(c, s)
  return s
}

/** The adapter's two-factor methods, or a Configuration error naming what is missing. */
export function twoFactorAdapter(ctx: RequestContext): TwoFactorAdapter {
  const a = ctx.options.adapter
  if (!a?.getTwoFactor || !a.setTwoFactor || !a.markTotpStep || !a.useRecoveryCode) {
    throw new Configuration('config.twoFactor needs an adapter with getTwoFactor, setTwoFactor, markTotpStep and useRecoveryCode (docs/guides/two-factor.md)')
  }
  return a as TwoFactorAdapter
}

/** The issuer shown in authenticator apps: the configured one, else the app's host name. */
export function issuerOf(ctx: RequestContext): string {
  return settings(ctx).issuer || new URL(ctx.origin).hostname
}
