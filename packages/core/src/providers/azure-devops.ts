import { oidcProvider, str } from './shape.js'
import type { StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Microsoft identity platform id_token claims for the signed-in Azure DevOps user. */
export interface AzureDevOpsProfile extends StandardClaims {
  oid?: string
  tid?: string
}

export interface AzureDevOpsOptions extends Partial<OIDCConfig<AzureDevOpsProfile>> {
  /**
   * Azure DevOps scopes to request besides `openid profile email offline_access`. Default
   * `499b84ac-1321-427f-aa17-267ca6975798/vso.profile` (the Azure DevOps resource's profile scope).
   */
  scope?: string
  /** Entra tenant (GUID, `organizations`, `common`). Default `organizations`. */
  tenantId?: string
}

/** The Azure DevOps resource (application id) in Microsoft Entra ID. */
export const AZURE_DEVOPS_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798'

/**
 * Azure DevOps through Microsoft Entra ID, the sign-in Microsoft documents for Azure DevOps apps now
 * that Azure DevOps OAuth (app.vssps.visualstudio.com) takes no new registrations. The access token
 * is for the Azure DevOps REST API; the user comes from the id_token. Entra's `email` claim is not
 * verified: `emailVerified` is null. Callback URL: `{AUTH_URL}/auth/callback/azure-devops`.
 */
export default function AzureDevOps(options: AzureDevOpsOptions = {}): OIDCConfig<AzureDevOpsProfile> {
  const { scope = `${AZURE_DEVOPS_RESOURCE}/vso.profile`, tenantId = 'organizations', ...rest } = options
  return oidcProvider<AzureDevOpsProfile>(
    {
      id: 'azure-devops',
      name: 'Azure DevOps',
      issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      scope: `openid profile email offline_access ${scope}`,
      profile: (p) => ({ id: p.sub, name: str(p.name), email: str(p.email) ?? str(p.preferred_username), image: null, emailVerified: null }),
    },
    rest,
  )
}

export { AzureDevOps }
