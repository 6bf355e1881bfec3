import { describe, expect, it } from 'vitest'
import { endpointUrl } from '../../src/oauth/discovery.js'
import { providerCases } from './cases/index.js'

const tokens = { access_token: 'at', token_type: 'bearer' }

describe('provider modules: profile() on the documented profile shape, endpoints and checks', () => {
  for (const c of providerCases) {
    it(c.name, async () => {
      const p = c.create({ clientId: 'id', clientSecret: 'secret', ...c.options })
      const user = await p.profile!((c.merged ?? c.profile) as never, { ...tokens, ...c.tokenExtra })
      expect(user).toMatchObject({ id: c.user.id, name: c.user.name, email: c.user.email, image: c.user.image })
      if (c.user.emailVerified !== undefined) {
        expect(user.emailVerified instanceof Date).toBe(c.user.emailVerified)
        if (!c.user.emailVerified) expect(user.emailVerified).toBeNull()
        // An unverified (or absent) flag never yields a date.
        if (c.user.emailVerified) {
          const flip = JSON.parse(JSON.stringify(c.merged ?? c.profile).replace(/("(?:email_verified|verified|is_email_verified|email_verified_at|isEmailVerified|verified_email|is_verified|emailVerified|confirmed_email|is_email_valid)"):true/g, '$1:false'))
          expect((await p.profile!(flip as never, { ...tokens, ...c.tokenExtra })).emailVerified).toBeNull()
        }
      }
      if (c.authorization) expect(endpointUrl(p.authorization)).toBe(c.authorization)
      if (c.token) expect(endpointUrl(p.token)).toBe(c.token)
      if (c.userinfo) expect(endpointUrl(p.userinfo)).toBe(c.userinfo)
      if (c.issuer) expect(p.issuer).toBe(c.issuer)
      if (c.scope !== undefined) expect((p.authorization as { params?: Record<string, string> }).params?.scope).toBe(c.scope)
      const checks = p.checks ?? (p.type === 'oidc' ? ['pkce', 'state', 'nonce'] : ['pkce', 'state'])
      expect(checks).toEqual(c.checks ?? (p.type === 'oidc' ? ['pkce', 'state', 'nonce'] : ['pkce', 'state']))
      expect(p.id).toBe(c.name === 'ory-hydra' ? 'hydra' : c.name)
    })
  }
})
