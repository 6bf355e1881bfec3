import type * as oauth from 'oauth4webapi'
import { AccessDenied, Configuration, OAuthCallbackError } from '../errors.js'
import type { OAuthConfig } from '../providers/types.js'
import { unverifiedPayload } from './jwt-payload.js'
import { peekJson } from './peek-json.js'

/**
 * Microsoft Entra ID multi-tenant endpoints (`common`, `organizations`, `consumers`).
 *
 * Their discovery document does not name a real issuer but the template
 * `https://login.microsoftonline.com/{tenantid}/v2.0`; each id_token's `iss` is that template with the
 * token's own `tid` claim in place of `{tenantid}`. Only the exact issuers below get this treatment:
 * every other issuer (including other Microsoft hosts and tenant-specific Entra issuers) keeps the
 * plain "discovered issuer === configured issuer === id_token iss" rule.
 */

export const ENTRA_ISSUER_TEMPLATE = 'https://login.microsoftonline.com/{tenantid}/v2.0'
/** The tenant of personal Microsoft accounts: what `consumers` tokens carry as `tid`. */
export const ENTRA_CONSUMERS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'

export type EntraAudience = 'common' | 'organizations' | 'consumers'

const MULTI_TENANT = new Map<string, EntraAudience>([
  ['https://login.microsoftonline.com/common/v2.0', 'common'],
  ['https://login.microsoftonline.com/organizations/v2.0', 'organizations'],
  ['https://login.microsoftonline.com/consumers/v2.0', 'consumers'],
])

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TENANT_ISSUER = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/

/** Tenant options of the Microsoft Entra ID provider, read structurally by the OAuth core. */
export interface EntraTenantOptions {
  /** Directory (tenant) id or name, or `common` / `organizations` / `consumers`. */
  tenantId?: string
  /** Tenant ids (GUIDs) whose users may sign in; checked against the id_token `tid` claim. */
  allowedTenants?: string[]
}

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value)
}

/** A valid `allowedTenants`: a non-empty list of tenant GUIDs (the factory and the callback both require it). */
export function isTenantList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every(isGuid)
}

/** The multi-tenant audience of an issuer, for the exact allow-listed Entra issuers only. */
export function entraMultiTenant(issuer: string | undefined): EntraAudience | undefined {
  return issuer === undefined ? undefined : MULTI_TENANT.get(issuer)
}

/** `https://login.microsoftonline.com/<tid>/v2.0` */
export function entraTenantIssuer(tid: string): string {
  return ENTRA_ISSUER_TEMPLATE.replace('{tenantid}', tid)
}

/**
 * The issuer a multi-tenant Entra discovery document may declare: the `{tenantid}` template, or (for
 * `consumers`, which has one tenant) that tenant's concrete issuer. Returns the one `declared` names, or
 * the template when it names neither (so the discovery check fails as usual).
 */
export function entraDiscoveryIssuer(audience: EntraAudience, declared: unknown): string {
  if (audience === 'consumers' && declared === entraTenantIssuer(ENTRA_CONSUMERS_TENANT)) return declared
  return ENTRA_ISSUER_TEMPLATE
}

/** The `allowedTenants` allow-list (lower-cased), plus `tenantId` when it is a GUID; undefined when neither is set. */
function allowedTenantsOf(provider: OAuthConfig): Set<string> | undefined {
  const { allowedTenants, tenantId } = provider as OAuthConfig & EntraTenantOptions
  let out: Set<string> | undefined
  if (allowedTenants !== undefined) {
    if (!isTenantList(allowedTenants)) {
      throw new Configuration(`Provider "${provider.id}" allowedTenants must be a non-empty list of tenant ids (GUIDs)`)
    }
    out = new Set(allowedTenants.map((t) => t.toLowerCase()))
  }
  if (isGuid(tenantId)) {
    // Single-tenant setups get the tenant from the issuer itself; `tenantId` restricts a multi-tenant issuer.
    if (out && !out.has(tenantId.toLowerCase())) {
      throw new Configuration(`Provider "${provider.id}" tenantId is not in allowedTenants`)
    }
    out ??= new Set([tenantId.toLowerCase()])
  }
  return out
}

/** Whether the callback must run the tenant checks for this provider. */
export function hasTenantPolicy(provider: OAuthConfig): boolean {
  return !!entraMultiTenant(provider.issuer) || (provider as OAuthConfig & EntraTenantOptions).allowedTenants !== undefined
}

/**
 * Check a `tid` claim: a GUID, allowed for the endpoint (`consumers` only the personal-account tenant,
 * `organizations` never it) and in the provider's allow-list. Returns it; throws otherwise.
 */
export function assertTenant(provider: OAuthConfig, tid: unknown): string {
  if (!isGuid(tid)) throw new OAuthCallbackError(`"${provider.id}" returned an id_token whose tid claim is not a tenant id`)
  const audience = entraMultiTenant(provider.issuer)
  const consumer = tid.toLowerCase() === ENTRA_CONSUMERS_TENANT
  if ((audience === 'consumers' && !consumer) || (audience === 'organizations' && consumer)) {
    throw new OAuthCallbackError(`"${provider.id}" returned an id_token from a tenant the ${audience} endpoint does not serve`)
  }
  const allowed = allowedTenantsOf(provider)
  if (allowed && !allowed.has(tid.toLowerCase())) {
    throw new AccessDenied(`"${provider.id}": tenant ${tid} is not in allowedTenants`)
  }
  return tid
}

/**
 * Whether the metadata's issuer stands for every tenant: the discovered `{tenantid}` template, or the
 * configured multi-tenant issuer itself when the endpoints were given explicitly (no discovery).
 */
function perTenant(as: oauth.AuthorizationServer): boolean {
  return as.issuer === ENTRA_ISSUER_TEMPLATE || !!entraMultiTenant(as.issuer)
}

/** The id_token `iss` expected for a token of tenant `tid` under the metadata. */
function expectedIssuer(as: oauth.AuthorizationServer, tid: string): string {
  return perTenant(as) ? entraTenantIssuer(tid) : as.issuer
}

/**
 * RFC 9207 for a multi-tenant Entra issuer. Entra does not send `iss` in the authorization response
 * there (nor advertise it); when one is present it must be a tenant issuer of an allowed tenant, and is
 * returned so the id_token `iss` can be required to equal it. The metadata to validate the response
 * with gets that issuer in place of the template.
 */
export function entraAuthorizationIssuer(
  provider: OAuthConfig,
  as: oauth.AuthorizationServer,
  iss: string | null,
): { as: oauth.AuthorizationServer; iss?: string } {
  if (iss === null || !perTenant(as)) return { as }
  const tid = TENANT_ISSUER.exec(iss)?.[1]
  if (!isGuid(tid)) throw new OAuthCallbackError(`"${provider.id}" sent an unexpected iss in the authorization response`)
  assertTenant(provider, tid)
  return { as: { ...as, issuer: iss }, iss }
}

/**
 * The metadata to validate a token response of a multi-tenant Entra provider with: `issuer` is the
 * template filled with the id_token's `tid` (read here without trust, only to name the expected issuer;
 * oauth4webapi then validates the token against it and the caller checks the signature and
 * {@link assertEntraClaims}). A response without a readable id_token keeps the template, so it fails.
 */
export async function entraTokenMetadata(
  provider: OAuthConfig,
  as: oauth.AuthorizationServer,
  response: Response,
): Promise<oauth.AuthorizationServer> {
  if (!response.ok) return as
  const body = (await peekJson(response)) as { id_token?: unknown } | undefined
  if (!body || typeof body.id_token !== 'string') return as
  const claims = unverifiedPayload(body.id_token)
  if (!claims) return as
  const tid = assertTenant(provider, claims.tid)
  return { ...as, issuer: expectedIssuer(as, tid) }
}

/**
 * The tenant checks on validated id_token claims: `tid` allowed, `iss` the tenant's issuer (and the
 * authorization response's `iss` when it had one).
 */
export function assertEntraClaims(
  provider: OAuthConfig,
  as: oauth.AuthorizationServer,
  claims: oauth.IDToken,
  authorizationIss?: string,
): void {
  const tid = assertTenant(provider, claims.tid)
  const expected = entraMultiTenant(provider.issuer) ? expectedIssuer(as, tid) : as.issuer
  if (claims.iss !== expected || (authorizationIss !== undefined && claims.iss !== authorizationIss)) {
    throw new OAuthCallbackError(`"${provider.id}" returned an id_token whose iss does not match its tenant`)
  }
}
