import { Configuration } from '../errors.js'
import { isTenantList } from '../oauth/entra.js'
import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Microsoft identity platform v2.0 id_token claims. */
export interface MicrosoftEntraIDProfile extends Record<string, unknown> {
  sub: string
  oid?: string
  tid?: string
  name?: string
  email?: string
  preferred_username?: string
  given_name?: string
  family_name?: string
}

export interface MicrosoftEntraIDOptions extends Partial<OIDCConfig<MicrosoftEntraIDProfile>> {
  /**
   * Directory (tenant) id, or `common` / `organizations` / `consumers`; sets `issuer` to
   * `https://login.microsoftonline.com/<tenantId>/v2.0` unless `issuer` is given. When `issuer` is a
   * multi-tenant one and `tenantId` is a tenant GUID, only that tenant may sign in.
   */
  tenantId?: string
  /**
   * Tenant ids (GUIDs) whose users may sign in: the id_token's `tid` claim must be one of them.
   * Meant for the multi-tenant issuers (`common`, `organizations`), where otherwise any Entra
   * tenant's users are accepted. An empty or non-GUID list is a configuration error.
   */
  allowedTenants?: string[]
}

export type MicrosoftEntraIDConfig = OIDCConfig<MicrosoftEntraIDProfile> & Pick<MicrosoftEntraIDOptions, 'tenantId' | 'allowedTenants'>

/**
 * Microsoft Entra ID (Azure AD).
 *
 * Single tenant: `tenantId: '<tenant-guid>'` (or `issuer` / `AUTH_MICROSOFT_ENTRA_ID_ISSUER` set to
 * `https://login.microsoftonline.com/<tenant-guid>/v2.0`): the usual OIDC checks, `iss` must be that issuer.
 *
 * Multi-tenant: `tenantId: 'common' | 'organizations' | 'consumers'` (or the matching issuer
 * `https://login.microsoftonline.com/common/v2.0`, ...). Entra's discovery document for these names the
 * issuer template `https://login.microsoftonline.com/{tenantid}/v2.0`; Latch accepts that template for
 * exactly these three issuers on `login.microsoftonline.com` (nothing else: other hosts, sovereign clouds
 * and tenant-specific issuers keep the exact issuer check). Each id_token is still fully validated
 * (signature against the Entra JWKS, `aud`, `exp`, `nonce`), its `tid` claim must be a tenant GUID
 * (`consumers`: the personal-account tenant; `organizations`: any other) and its `iss` must be the
 * template with that `tid` substituted. Entra does not send RFC 9207 `iss` in the authorization
 * response for these; when one is present it must be the issuer of the id_token's tenant.
 *
 * Any Entra tenant's users can sign in through `common` / `organizations` unless you restrict them with
 * `allowedTenants: ['<tenant-guid>', ...]` (or a tenant GUID in `tenantId` next to a multi-tenant `issuer`),
 * or in `callbacks.signIn` using `profile.tid`.
 */
export default function MicrosoftEntraID(options: MicrosoftEntraIDOptions = {}): MicrosoftEntraIDConfig {
  const { tenantId, allowedTenants } = options
  if (allowedTenants !== undefined && !isTenantList(allowedTenants)) {
    throw new Configuration('MicrosoftEntraID: allowedTenants must be a non-empty list of tenant ids (GUIDs)')
  }
  return defineProvider<MicrosoftEntraIDProfile>(
    {
      id: 'microsoft-entra-id',
      name: 'Microsoft Entra ID',
      type: 'oidc',
      ...(tenantId ? { issuer: `https://login.microsoftonline.com/${tenantId}/v2.0` } : {}),
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? null, email: p.email ?? p.preferred_username ?? null, image: null }),
      style: { bg: '#0072c6', text: '#fff' },
    },
    options,
  ) as MicrosoftEntraIDConfig
}

export { MicrosoftEntraID }
