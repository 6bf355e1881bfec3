import * as oauth from 'oauth4webapi'
import { OAuthCallbackError } from '../errors.js'
import type { OAuthConfig } from '../providers/types.js'
import { jwksCacheFor, takeJwksRefetch } from './discovery.js'
import { assertEntraClaims, entraMultiTenant, entraTokenMetadata, hasTenantPolicy } from './entra.js'
import { peekJson } from './peek-json.js'
import type { TransportOptions } from './transport.js'

/**
 * Token endpoint responses, the same for the code grant (callback.ts) and refresh (refresh.ts):
 * {@link prepareTokenResponse} before oauth4webapi processes one, {@link verifyIdToken} on the id_token
 * claims it validated.
 */

/** oauth4webapi validates an id_token whenever one is present; a plain OAuth provider's is dropped instead. */
async function withoutIdToken(response: Response): Promise<Response> {
  if (!response.ok) return response
  const body = (await peekJson(response)) as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object' || !('id_token' in body)) return response
  const { id_token: _drop, ...rest } = body
  void _drop
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  headers.delete('content-encoding')
  return new Response(JSON.stringify(rest), { status: response.status, headers })
}

/**
 * The response and metadata to process a token response with: a plain OAuth provider's response loses
 * its id_token; for multi-tenant Entra the metadata's `issuer` is the template filled with the
 * id_token's `tid` (see entraTokenMetadata). Otherwise both are returned as they are.
 */
export async function prepareTokenResponse(
  provider: OAuthConfig,
  as: oauth.AuthorizationServer,
  response: Response,
): Promise<{ response: Response; as: oauth.AuthorizationServer }> {
  if (provider.type !== 'oidc') return { response: await withoutIdToken(response), as }
  return { response, as: entraMultiTenant(provider.issuer) ? await entraTokenMetadata(provider, as, response) : as }
}

/**
 * The checks after oauth4webapi validated an id_token's claims, in this order: the metadata has a
 * `jwks_uri`, the signature verifies against that JWKS (cached per isolate), then the Entra tenant
 * checks when the provider has a tenant policy. `authorizationIss` is the sign-in authorization
 * response's `iss`. A refresh reports a missing `jwks_uri` as a plain Error (refresh.ts logs it);
 * sign-in as an OAuthCallbackError.
 */
export async function verifyIdToken(
  provider: OAuthConfig,
  as: oauth.AuthorizationServer,
  response: Response,
  http: TransportOptions,
  claims: oauth.IDToken,
  opts: { authorizationIss?: string; refresh?: boolean } = {},
): Promise<void> {
  if (!as.jwks_uri) {
    if (opts.refresh) throw new Error(`"${provider.id}" has no jwks_uri to verify the refreshed id_token`)
    throw new OAuthCallbackError(`"${provider.id}" has no jwks_uri to verify the id_token signature`)
  }
  await validateSignature(as, response, http)
  if (hasTenantPolicy(provider)) assertEntraClaims(provider, as, claims, opts.authorizationIss)
}

/**
 * The id_token signature against the issuer's JWKS (cached per isolate). oauth4webapi refetches a
 * key set that lacks the token's `kid` only once the cache is a minute old; a provider that just
 * rotated its key would be refused meanwhile. So a key-selection failure refetches at once, within
 * the per-issuer budget of takeJwksRefetch (random kids can't make Latch hammer the JWKS endpoint).
 */
async function validateSignature(as: oauth.AuthorizationServer, response: Response, http: TransportOptions): Promise<void> {
  try {
    await oauth.validateApplicationLevelSignature(as, response, { ...http, [oauth.jwksCache]: jwksCacheFor(as) })
  } catch (error) {
    const keySelection = error instanceof oauth.OperationProcessingError && error.code === oauth.KEY_SELECTION
    if (!keySelection || !takeJwksRefetch(as)) throw error
    // A copy of the metadata: oauth4webapi keeps its own key set per metadata object.
    await oauth.validateApplicationLevelSignature({ ...as }, response, { ...http, [oauth.jwksCache]: jwksCacheFor(as) })
  }
}
