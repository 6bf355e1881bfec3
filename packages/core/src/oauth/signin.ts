import * as oauth from 'oauth4webapi'
import type { RequestContext, ResponseInternal } from '../context.js'
import type { OAuthConfig } from '../providers/types.js'
import { AuthError, OAuthSignin } from '../errors.js'
import { mintChecks } from './checks.js'
import { clientAuthFor, clientFor, dpopFor, withDpopRetry } from './client.js'
import { authorizationServer, authorizationUrlParams, endpointParams } from './discovery.js'
import { describe, fetchFor, safeCause, transport } from './transport.js'
import { proxyBase } from '../redirect-proxy/state.js'

/** Parameters Latch owns; neither provider config nor the sign-in query may set them. */
const RESERVED = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'request',
  'request_uri',
  'dpop_jkt',
  'callbackUrl',
  'csrfToken',
  'redirect',
  'redirectTo',
  'json',
])

/** The redirect_uri of a provider: `<authUrl>/callback/<id>`, the stable deployment's on a preview (redirectProxyUrl). */
export function redirectUriOf(ctx: RequestContext, provider: OAuthConfig): string {
  return `${proxyBase(ctx) ?? ctx.authUrl}/callback/${encodeURIComponent(provider.id)}`
}

/** The final authorization parameters, before the checks are added. */
export function authorizationParams(ctx: RequestContext, provider: OAuthConfig): Record<string, string> {
  const params: Record<string, string> = {
    ...authorizationUrlParams(provider),
    ...endpointParams(provider.authorization),
  }
  // `signIn(provider, options, authorizationParams)` passes extra params as the query string.
  for (const [k, v] of Object.entries(ctx.query ?? {})) {
    if (typeof v === 'string' && !RESERVED.has(k)) params[k] = v
  }
  for (const k of RESERVED) delete params[k]
  if (!params.scope && provider.type === 'oidc') params.scope = 'openid profile email'
  return params
}

/**
 * POST /signin/:provider for OAuth/OIDC providers (CSRF already checked by the dispatcher).
 * Returns a redirect to the authorization endpoint plus the sealed check cookies.
 */
export async function oauthSignin(ctx: RequestContext, provider: OAuthConfig): Promise<ResponseInternal> {
  try {
    const now = ctx.options.now()
    const fetchImpl = fetchFor(ctx.options, provider)
    const as = await authorizationServer(provider, fetchImpl, now)
    const client = clientFor(provider, now)
    const params = authorizationParams(ctx, provider)
    const formPost = params.response_mode === 'form_post'
    const checks = await mintChecks(ctx, provider, formPost)

    const request = new URLSearchParams(params)
    request.set('client_id', client.client_id)
    request.set('redirect_uri', redirectUriOf(ctx, provider))
    // Only the authorization code flow is supported: pinned, whatever the config says.
    request.set('response_type', 'code')
    for (const [k, v] of Object.entries(checks.params)) request.set(k, v)

    const dpop = dpopFor(provider, client)
    if (dpop && !provider.par) request.set('dpop_jkt', await dpop.calculateThumbprint())

    const url = new URL(as.authorization_endpoint!)
    if (provider.par) {
      const http = transport(provider, fetchImpl)
      const auth = clientAuthFor(provider)
      const pushed = await withDpopRetry(dpop, async () => {
        const response = await oauth.pushedAuthorizationRequest(as, client, auth, request, { ...http, DPoP: dpop })
        return oauth.processPushedAuthorizationResponse(as, client, response)
      })
      url.search = ''
      url.searchParams.set('client_id', client.client_id)
      url.searchParams.set('request_uri', pushed.request_uri)
    } else {
      url.search = request.toString()
    }
    ctx.options.logger.debug('oauth: authorization redirect', { provider: provider.id, endpoint: as.authorization_endpoint, par: !!provider.par })
    return { status: 302, redirect: url.href, cookies: checks.cookies }
  } catch (error) {
    if (error instanceof AuthError) throw error
    throw new OAuthSignin(`Starting sign-in with "${provider.id}" failed: ${describe(error)}`, { cause: safeCause(error) })
  }
}
