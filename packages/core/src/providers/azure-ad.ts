import MicrosoftEntraID, { type MicrosoftEntraIDConfig, type MicrosoftEntraIDOptions, type MicrosoftEntraIDProfile } from './microsoft-entra-id.js'

export type AzureADProfile = MicrosoftEntraIDProfile

/**
 * Azure Active Directory: Microsoft Entra ID under its former name, id `azure-ad` (callback
 * `{AUTH_URL}/auth/callback/azure-ad`, env `AUTH_AZURE_AD_ID` / `_SECRET` / `_ISSUER`). Same options
 * (`tenantId`, `allowedTenants`, `issuer`) and checks as `@latch/core/providers/microsoft-entra-id`.
 */
export default function AzureAD(options: MicrosoftEntraIDOptions = {}): MicrosoftEntraIDConfig {
  return MicrosoftEntraID({ id: 'azure-ad', name: 'Azure Active Directory', ...options })
}

export { AzureAD }
