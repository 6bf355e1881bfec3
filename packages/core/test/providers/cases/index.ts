import type { ProviderCase } from './types.js'
import { customCases } from './custom.js'
import { existingCases } from './existing.js'
import { oauth2Cases } from './oauth2.js'
import { oidcCases } from './oidc.js'

/** Every OAuth/OIDC provider module's case, in one list (the conformance and profile tests loop over it). */
export const providerCases: ProviderCase[] = [...existingCases, ...oidcCases, ...oauth2Cases, ...customCases]
