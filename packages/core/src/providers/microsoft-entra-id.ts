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
  /** Directory (tenant) id; sets `issuer` to `https://login.microsoftonline.com/<tenantId>/v2.0`. */
  tenantId?: string
}

/**
 * Microsoft Entra ID (Azure AD). Set `issuer` (or `AUTH_MICROSOFT_ENTRA_ID_ISSUER`, or `tenantId`) to
 * `https://login.microsoftonline.com/<tenant-id>/v2.0`.
 */
export default function MicrosoftEntraID(options: MicrosoftEntraIDOptions = {}): OIDCConfig<MicrosoftEntraIDProfile> {
  const { tenantId, ...rest } = options
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
    rest,
  ) as OIDCConfig<MicrosoftEntraIDProfile>
}

export { MicrosoftEntraID }
