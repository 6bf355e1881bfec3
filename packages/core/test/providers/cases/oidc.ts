import Asgardeo from '../../../src/providers/asgardeo.js'
import AzureAD from '../../../src/providers/azure-ad.js'
import AzureADB2C from '../../../src/providers/azure-ad-b2c.js'
import BankIDNorway from '../../../src/providers/bankid-no.js'
import BattleNet from '../../../src/providers/battlenet.js'
import BeyondIdentity from '../../../src/providers/beyondidentity.js'
import Descope from '../../../src/providers/descope.js'
import DuendeIdentityServer6 from '../../../src/providers/duende-identity-server6.js'
import Frontegg from '../../../src/providers/frontegg.js'
import FusionAuth from '../../../src/providers/fusionauth.js'
import HuggingFace from '../../../src/providers/huggingface.js'
import IdentityServer4 from '../../../src/providers/identity-server4.js'
import Kinde from '../../../src/providers/kinde.js'
import LINE from '../../../src/providers/line.js'
import Logto from '../../../src/providers/logto.js'
import OneLogin from '../../../src/providers/onelogin.js'
import OryHydra from '../../../src/providers/ory-hydra.js'
import Passage from '../../../src/providers/passage.js'
import PingId from '../../../src/providers/ping-id.js'
import Roblox from '../../../src/providers/roblox.js'
import Salesforce from '../../../src/providers/salesforce.js'
import SimpleLogin from '../../../src/providers/simplelogin.js'
import UnitedEffects from '../../../src/providers/united-effects.js'
import Vipps from '../../../src/providers/vipps.js'
import type { ProviderCase } from './types.js'

/** Standard claims as an OpenID Connect identity server returns them for a user with a verified address. */
const claims = (sub: string, extra: Record<string, unknown> = {}) => ({
  sub,
  name: 'Ada Lovelace',
  given_name: 'Ada',
  family_name: 'Lovelace',
  preferred_username: 'ada',
  email: 'ada@example.com',
  email_verified: true,
  picture: 'https://img.example/ada.png',
  ...extra,
})
const user = (id: string) => ({ id, name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://img.example/ada.png', emailVerified: true })

/** An identity server whose issuer the app supplies: standard claims, verified when `email_verified` is true. */
function server(name: string, create: ProviderCase['create'], issuer: string, scope = 'openid profile email'): ProviderCase {
  return { name, create, options: { issuer }, profile: claims(`${name}-sub-1`), user: user(`${name}-sub-1`), issuer, scope }
}

export const oidcCases: ProviderCase[] = [
  server('asgardeo', Asgardeo, 'https://api.asgardeo.io/t/acme/oauth2/token'),
  {
    name: 'azure-ad',
    create: AzureAD,
    options: { tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' },
    profile: { sub: 'AAAAIkzq', name: 'Abe Lincoln', email: 'abeli@contoso.com', tid: '9188040d-6c67-4c5b-b112-36a304b66dad', ver: '2.0' },
    user: { id: 'AAAAIkzq', name: 'Abe Lincoln', email: 'abeli@contoso.com', image: null },
    issuer: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
  },
  {
    name: 'azure-ad-b2c',
    create: AzureADB2C,
    options: { issuer: 'https://contoso.b2clogin.com/775527ff-9a37-4307-8b3d-cc311f58d925/v2.0/' },
    profile: { sub: 'b2c-oid-1', oid: 'b2c-oid-1', name: 'Ada Lovelace', emails: ['ada@example.com'], tfp: 'B2C_1_signupsignin', ver: '1.0' },
    user: { id: 'b2c-oid-1', name: 'Ada Lovelace', email: 'ada@example.com', image: null, emailVerified: false },
    scope: 'openid offline_access',
  },
  {
    name: 'bankid-no',
    create: BankIDNorway,
    profile: { sub: '9578-6000-4-365161', name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', birthdate: '1815-12-10' },
    user: { id: '9578-6000-4-365161', name: 'Ada Lovelace', email: null, image: null, emailVerified: false },
    issuer: 'https://auth.bankid.no/auth/realms/prod',
    scope: 'openid profile',
  },
  {
    name: 'battlenet',
    create: BattleNet,
    profile: { sub: '100000001', battle_tag: 'Ada#1234' },
    user: { id: '100000001', name: 'Ada#1234', email: null, image: null, emailVerified: false },
    issuer: 'https://oauth.battle.net',
    scope: 'openid',
  },
  { ...server('beyondidentity', BeyondIdentity, 'https://auth-us.beyondidentity.com/v1/tenants/t/realms/r/applications/a', 'openid') },
  {
    ...server('descope', Descope, 'https://api.descope.com/P2abc'),
    options: { clientId: 'P2abc' },
  },
  server('duende-identity-server6', DuendeIdentityServer6, 'https://demo.duendesoftware.com'),
  server('frontegg', Frontegg, 'https://acme.frontegg.com'),
  server('fusionauth', FusionAuth, 'https://auth.acme.example', 'openid profile email offline_access'),
  { ...server('huggingface', HuggingFace, 'https://huggingface.co'), options: {} },
  server('identity-server4', IdentityServer4, 'https://demo.identityserver.io'),
  server('kinde', Kinde, 'https://acme.kinde.com', 'openid profile email offline'),
  {
    name: 'line',
    create: LINE,
    profile: { sub: 'U1234567890abcdef1234567890abcdef', name: 'Ada', picture: 'https://profile.line-scdn.net/ada' },
    user: { id: 'U1234567890abcdef1234567890abcdef', name: 'Ada', email: null, image: 'https://profile.line-scdn.net/ada', emailVerified: false },
    authorization: 'https://access.line.me/oauth2/v2.1/authorize',
    token: 'https://api.line.me/oauth2/v2.1/token',
    userinfo: 'https://api.line.me/oauth2/v2.1/userinfo',
    scope: 'openid profile',
    clientAuth: 'post',
  },
  server('logto', Logto, 'https://acme.logto.app/oidc', 'openid offline_access profile email'),
  server('onelogin', OneLogin, 'https://acme.onelogin.com/oidc/2'),
  server('ory-hydra', OryHydra, 'https://hydra.acme.example', 'openid offline_access profile email'),
  server('passage', Passage, 'https://auth.passage.id/v1/apps/abc123'),
  server('ping-id', PingId, 'https://auth.pingone.com/0a7af83d-4ed9-4510-93cd-506fe835f69a/as'),
  {
    name: 'roblox',
    create: Roblox,
    profile: { sub: '1516563360', name: 'Ada', nickname: 'ada', preferred_username: 'ada_l', created_at: 1584682495, profile: 'https://www.roblox.com/users/1516563360/profile', picture: 'https://tr.rbxcdn.com/ada/150/150/AvatarHeadshot/Png' },
    user: { id: '1516563360', name: 'ada', email: null, image: 'https://tr.rbxcdn.com/ada/150/150/AvatarHeadshot/Png', emailVerified: false },
    issuer: 'https://apis.roblox.com/oauth/',
    scope: 'openid profile',
  },
  { ...server('salesforce', Salesforce, 'https://login.salesforce.com'), options: {} },
  {
    name: 'simplelogin',
    create: SimpleLogin,
    profile: { sub: '2', client: 'Acme', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace', avatar_url: 'https://img.example/ada.png' },
    user: user('2'),
    issuer: 'https://app.simplelogin.io',
  },
  server('united-effects', UnitedEffects, 'https://auth.unitedeffects.com/grp1', 'openid email profile'),
  {
    name: 'vipps',
    create: Vipps,
    profile: claims('c06c4afe-d9e1-4c5d-939a-177d752a0944', { phone_number: '4712345678' }),
    user: user('c06c4afe-d9e1-4c5d-939a-177d752a0944'),
    issuer: 'https://api.vipps.no/access-management-1.0/access/',
    scope: 'openid name email',
  },
]
