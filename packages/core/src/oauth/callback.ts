import * as oauth from 'oauth4webapi'
import type { RequestContext } from '../context.js'
import type { OAuthConfig, TokenSet } from '../providers/types.js'
import type { Account, Profile, User } from '../types.js'
import type { Cookie } from '../http/cookies.js'
import { AccessDenied, AuthError, InvalidCheck, OAuthCallbackError } from '../errors.js'
import { checksOf, clearChecks, unsealCheck } from './checks.js'
import { clientAuthFor, clientFor, dpopFor, withDpopRetry } from './client.js'
import { authorizationServer, endpointParams, hasKnownIssuer } from './discovery.js'
import { entraAuthorizationIssuer, entraMultiTenant } from './entra.js'
import { fetchUserinfo, isCustomUserinfo, mapUser } from './profile.js'
import { redirectUriOf } from './signin.js'
import { prepareTokenResponse, verifyIdToken } from './token-response.js'
import { describe, fetchFor, safeCause, transport } from './transport.js'

export interface OAuthCallbackResult {
  /** The user as mapped by `provider.profile()`; `id` is the provider account id unless the mapping sets one. */
  user: User
  account: Account
  profile: Profile
  tokens: TokenSet
  /** Cookies to set on the response (clearing the used check cookies). */
  cookies: Cookie[]
}

/** The authorization response parameters: the query (GET) or the form body (form_post). */
function callbackParams(ctx: RequestContext): URLSearchParams {
  const params = new URLSearchParams()
  const source: Record<string, unknown> = ctx.method === 'POST' && ctx.body ? ctx.body : ctx.query
  for (const [k, v] of Object.entries(source ?? {})) {
    if (typeof v === 'string') params.set(k, v)
  }
  return params
}

/** Apple (form_post) sends the user's name once, as a JSON `user` parameter. */
function postedUser(params: URLSearchParams): Record<string, unknown> | undefined {
  const raw = params.get('user')
  if (!raw || raw.length > 4096) return undefined
  try {
    const parsed = JSON.parse(raw) as unknown
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * GET/POST /callback/:provider for OAuth/OIDC. Validates the authorization response, exchanges the code,
 * validates the id_token (claims and signature), fetches userinfo, maps profile and account. Throws an
 * AuthError (OAuthCallbackError, InvalidCheck, AccessDenied...) on failure; the dispatcher turns it into a redirect.
 */
export async function oauthCallback(ctx: RequestContext, provider: OAuthConfig): Promise<OAuthCallbackResult> {
  const step = { name: 'metadata' }
  try {
    const now = ctx.options.now()
    const fetchImpl = fetchFor(ctx.options, provider)
    const as = await authorizationServer(provider, fetchImpl, now)
    const client = clientFor(provider, now)
    const http = transport(provider, fetchImpl)
    const checks = checksOf(provider)
    const params = callbackParams(ctx)
    const cookies = clearChecks(ctx)

    // 1. The authorization response: state and RFC 9207 `iss` (oauth4webapi), errors from the provider.
    step.name = 'authorization response'
    let expectedState: string | typeof oauth.expectNoState = oauth.expectNoState
    if (checks.has('state')) {
      const state = await unsealCheck(ctx, provider, 'state')
      if (!state) throw new InvalidCheck(`The state cookie for "${provider.id}" is missing, expired or was issued for another provider`)
      if (ctx.options.redirectProxy) await (await import('../redirect-proxy/forward.js')).assertOwnState(ctx, provider, state)
      expectedState = state
    }
    // Without a real issuer there is nothing to compare `iss` against.
    if (!hasKnownIssuer(as)) params.delete('iss')
    // Multi-tenant Entra: the metadata issuer is a `{tenantid}` template; an `iss` here names the tenant.
    const multiTenant = !!entraMultiTenant(provider.issuer)
    let authorizationIss: string | undefined
    let validated: URLSearchParams
    try {
      let responseAs = as
      if (multiTenant) ({ as: responseAs, iss: authorizationIss } = entraAuthorizationIssuer(provider, as, params.get('iss')))
      validated = oauth.validateAuthResponse(responseAs, client, params, expectedState)
    } catch (error) {
      if (error instanceof AuthError) throw error
      if (error instanceof oauth.AuthorizationResponseError) {
        const code = error.error
        if (code === 'access_denied') throw new AccessDenied(`The user or "${provider.id}" denied access (access_denied)`)
        throw new OAuthCallbackError(`"${provider.id}" returned an error: ${code}`, { cause: safeCause(error) })
      }
      throw new InvalidCheck(`Invalid authorization response from "${provider.id}": ${describe(error)}`, { cause: safeCause(error) })
    }

    let codeVerifier: string | typeof oauth.nopkce = oauth.nopkce
    if (checks.has('pkce')) {
      const verifier = await unsealCheck(ctx, provider, 'pkceCodeVerifier')
      if (!verifier) throw new InvalidCheck(`The PKCE cookie for "${provider.id}" is missing, expired or was issued for another provider`)
      codeVerifier = verifier
    }
    let expectedNonce: string | typeof oauth.expectNoNonce = oauth.expectNoNonce
    if (checks.has('nonce')) {
      const nonce = await unsealCheck(ctx, provider, 'nonce')
      if (!nonce) throw new InvalidCheck(`The nonce cookie for "${provider.id}" is missing, expired or was issued for another provider`)
      expectedNonce = nonce
    }

    // 2. Code exchange, id_token claims (oauth4webapi) and id_token signature against the cached JWKS.
    step.name = 'token exchange'
    const dpop = dpopFor(provider, client)
    const auth = clientAuthFor(provider)
    const redirectUri = redirectUriOf(ctx, provider)
    const isOidc = provider.type === 'oidc'
    const additionalParameters = endpointParams(provider.token)
    const { result, response } = await withDpopRetry(dpop, async () => {
      let response = await oauth.authorizationCodeGrantRequest(as, client, auth, validated, redirectUri, codeVerifier, {
        ...http,
        DPoP: dpop,
        additionalParameters,
      })
      const prepared = await prepareTokenResponse(provider, as, response)
      response = prepared.response
      const result = await oauth.processAuthorizationCodeResponse(prepared.as, client, response, {
        expectedNonce: isOidc ? expectedNonce : oauth.expectNoNonce,
        requireIdToken: isOidc,
      })
      return { result, response }
    })
    let claims: oauth.IDToken | undefined
    if (isOidc) {
      step.name = 'id_token signature'
      claims = oauth.getValidatedIdTokenClaims(result)
      if (!claims) throw new OAuthCallbackError(`"${provider.id}" returned no id_token`)
      await verifyIdToken(provider, as, response, http, claims, { authorizationIss })
    }
    const tokens: TokenSet = { ...(result as unknown as TokenSet) }

    // 3. The profile: id_token claims for OIDC (plus userinfo when asked), the userinfo API otherwise.
    step.name = 'userinfo'
    let profile: Profile
    const customRequest = isCustomUserinfo(provider.userinfo)
    // OIDC: the id_token claims suffice unless `idToken: false`, a custom request, or a bare id_token (sub only).
    const bareIdToken = !!claims && claims.email === undefined && claims.name === undefined && !!as.userinfo_endpoint
    const useUserinfo = !isOidc || provider.idToken === false || customRequest || (provider.idToken !== true && bareIdToken)
    if (isOidc && claims) {
      profile = { ...(claims as Record<string, unknown>) }
      if (useUserinfo) {
        const info = await fetchUserinfo({ as, client, provider, tokens, fetch: fetchImpl, dpop, expectedSubject: claims.sub })
        profile = { ...profile, ...info, sub: claims.sub }
      }
    } else {
      profile = await fetchUserinfo({ as, client, provider, tokens, fetch: fetchImpl, dpop })
    }
    const user0 = postedUser(params)
    if (user0 && profile.user === undefined) profile = { ...profile, user: user0 }

    step.name = 'profile mapping'
    const { user, account } = await mapUser(provider, profile, tokens, now)
    ctx.options.logger.debug('oauth: callback complete', { provider: provider.id, providerAccountId: account.providerAccountId })
    return { user, account, profile, tokens, cookies }
  } catch (error) {
    if (error instanceof AuthError) throw error
    throw new OAuthCallbackError(`OAuth callback for "${provider.id}" failed at ${step.name}: ${describe(error)}`, {
      cause: safeCause(error),
    })
  }
}
