import type { RequestContext } from '../context.js'
import type { RelyingParty, WebAuthnConfig } from './provider.js'
import { Configuration } from '../errors.js'

export interface ResolvedRelyingParty {
  /** The RP ID the options name: the configured id that covers this request's host, else the first. */
  id: string
  name: string
  /** Every RP ID a response may be scoped to. */
  ids: string[]
  /** Every origin a response may come from. */
  origins: string[]
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => typeof s === 'string' && s.length > 0)

/**
 * The relying party for this request. Without configuration it is the request's own origin (AUTH_URL, or the
 * trusted Host): one origin, its host name as the RP ID. Configured origins are exact `scheme://host[:port]`.
 */
export function relyingParty(ctx: RequestContext, provider: WebAuthnConfig): ResolvedRelyingParty {
  const rp: RelyingParty = provider.relyingParty ?? provider.relayingParty ?? {}
  const here = new URL(ctx.origin)
  const ids = list(rp.id).map((s) => s.toLowerCase())
  const origins = list(rp.origin).map((o) => {
    try {
      const u = new URL(o)
      if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== o.replace(/\/$/, '')) throw new Error('not an origin')
      return u.origin
    } catch {
      throw new Configuration(`Passkey relyingParty.origin must be origins like https://example.com, got ${JSON.stringify(o).slice(0, 80)}`)
    }
  })
  const host = here.hostname.toLowerCase()
  const covers = (id: string) => host === id || host.endsWith(`.${id}`)
  const id = ids.find(covers) ?? ids[0] ?? host
  return {
    id,
    name: list(rp.name)[0] ?? here.host,
    ids: ids.length ? ids : [host],
    origins: origins.length ? origins : [here.origin],
  }
}

/** `'required'` unless the app relaxed it (Latch's `userVerification`, or Auth.js's verify options). */
export function userVerification(provider: WebAuthnConfig): 'required' | 'preferred' {
  if (provider.userVerification === 'preferred') return 'preferred'
  if (provider.userVerification === 'required') return 'required'
  const relaxed = provider.verifyAuthenticationOptions?.requireUserVerification === false || provider.verifyRegistrationOptions?.requireUserVerification === false
  return relaxed ? 'preferred' : 'required'
}

export const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000
