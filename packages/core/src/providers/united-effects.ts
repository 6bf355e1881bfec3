import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** United Effects id_token / userinfo claims (https://docs.unitedeffects.com/). */
export interface UnitedEffectsProfile extends StandardClaims {
}

/**
 * United Effects. Set `issuer` or `AUTH_UNITED_EFFECTS_ISSUER` to `https://auth.unitedeffects.com/<auth-group-id>`.
 * Callback URL: `{AUTH_URL}/auth/callback/united-effects`.
 */
export default function UnitedEffects(options: Partial<OIDCConfig<UnitedEffectsProfile>> = {}): OIDCConfig<UnitedEffectsProfile> {
  return oidcProvider<UnitedEffectsProfile>(
    {
      id: 'united-effects',
      name: 'United Effects',
      scope: 'openid email profile',
    },
    options,
  )
}

export { UnitedEffects }
