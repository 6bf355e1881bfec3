import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { OAuthConfig } from '../providers/types.js'
import { InvalidCheck } from '../errors.js'
import { str } from '../http/body.js'
import { originAllowed } from './config.js'
import { readState } from './state.js'

/**
 * On the stable deployment: a provider callback whose sealed state names another deployment is sent on to that
 * deployment's own callback, query intact (code, state, iss...), if `redirectProxyOrigins` allows its origin.
 * Undefined when the callback is this deployment's own (it then runs as usual).
 */
export async function forwardCallback(ctx: RequestContext, provider: OAuthConfig): Promise<ResponseInternal | undefined> {
  const raw = str(ctx.query.state) ?? str(ctx.body?.state)
  const state = await readState(ctx, provider, raw)
  if (!state || state.origin === ctx.origin) return undefined
  const rules = ctx.options.redirectProxy?.origins ?? []
  let target: URL | undefined
  try {
    target = new URL(state.callback)
  } catch {
    target = undefined
  }
  const own = target && target.origin === state.origin && target.pathname.endsWith(`/callback/${encodeURIComponent(provider.id)}`)
  if (!target || !own || !originAllowed(state.origin, rules)) {
    throw new InvalidCheck(
      `Refused to forward the "${provider.id}" callback to ${state.origin.slice(0, 200)}: ` +
        (rules.length ? 'not in redirectProxyOrigins' : 'set redirectProxyOrigins on this (stable) deployment to forward to preview deployments'),
    )
  }
  // A form_post response arrives as a POST body; the preview reads the same parameters from the query.
  const params = new URLSearchParams(new URL(ctx.request.url).search)
  if (ctx.method === 'POST') for (const [k, v] of Object.entries(ctx.body ?? {})) if (typeof v === 'string' && !params.has(k)) params.set(k, v)
  target.search = params.toString()
  ctx.options.logger.debug('redirect proxy: forwarding the callback', { provider: provider.id, to: state.origin })
  return { redirect: target.href, headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } }
}

/** On the deployment that receives a proxied callback: the state it minted must name it (defence in depth). */
export async function assertOwnState(ctx: RequestContext, provider: OAuthConfig, expected: string): Promise<void> {
  const state = await readState(ctx, provider, expected)
  if (state && state.origin !== ctx.origin) {
    throw new InvalidCheck(`The "${provider.id}" state was issued for ${state.origin.slice(0, 200)}, not this deployment`)
  }
}
