import Apple from '../../../src/providers/apple.js'
import Auth0 from '../../../src/providers/auth0.js'
import Authentik from '../../../src/providers/authentik.js'
import Bitbucket from '../../../src/providers/bitbucket.js'
import Cognito from '../../../src/providers/cognito.js'
import Discord from '../../../src/providers/discord.js'
import Facebook from '../../../src/providers/facebook.js'
import GitHub from '../../../src/providers/github.js'
import GitLab from '../../../src/providers/gitlab.js'
import Google from '../../../src/providers/google.js'
import Keycloak from '../../../src/providers/keycloak.js'
import LinkedIn from '../../../src/providers/linkedin.js'
import MicrosoftEntraID from '../../../src/providers/microsoft-entra-id.js'
import Notion from '../../../src/providers/notion.js'
import Okta from '../../../src/providers/okta.js'
import Slack from '../../../src/providers/slack.js'
import Spotify from '../../../src/providers/spotify.js'
import Twitch from '../../../src/providers/twitch.js'
import Twitter from '../../../src/providers/twitter.js'
import Zitadel from '../../../src/providers/zitadel.js'
import type { ProviderCase } from './types.js'

/** The 20 OAuth/OIDC modules that existed before the full list (their emailVerified mapping is reviewed elsewhere). */
const std = (sub: string) => ({ sub, name: 'Ada Lovelace', email: 'ada@example.com', email_verified: true, picture: 'https://img.example/ada.png' })
const stdUser = (id: string) => ({ id, name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://img.example/ada.png' })

export const existingCases: ProviderCase[] = [
  {
    name: 'apple',
    create: Apple,
    profile: { sub: '001234.abcd.0123', email: 'x7k2@privaterelay.appleid.com', email_verified: true, is_private_email: true },
    user: { id: '001234.abcd.0123', name: null, email: 'x7k2@privaterelay.appleid.com', image: null },
    issuer: 'https://appleid.apple.com',
    checks: ['state', 'nonce'],
    clientAuth: 'post',
  },
  { name: 'auth0', create: Auth0, options: { issuer: 'https://tenant.us.auth0.com' }, profile: std('auth0|1'), user: stdUser('auth0|1') },
  { name: 'authentik', create: Authentik, options: { issuer: 'https://authentik.example.com/application/o/app/' }, profile: std('a1'), user: stdUser('a1') },
  {
    name: 'bitbucket',
    create: Bitbucket,
    profile: { uuid: '{b1}', display_name: 'Ada Lovelace', nickname: 'ada', links: { avatar: { href: 'https://img.example/ada.png' } } },
    merged: { uuid: '{b1}', display_name: 'Ada Lovelace', email: 'ada@example.com', links: { avatar: { href: 'https://img.example/ada.png' } } },
    responses: { '/2.0/user/emails': { values: [{ email: 'ada@example.com', is_primary: true, is_confirmed: true }] } },
    user: stdUser('{b1}'),
    authorization: 'https://bitbucket.org/site/oauth2/authorize',
  },
  { name: 'cognito', create: Cognito, options: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc' }, profile: std('c1'), user: stdUser('c1') },
  {
    name: 'discord',
    create: Discord,
    profile: { id: '80351110224678912', username: 'nelly', discriminator: '0', global_name: 'Nelly', avatar: '8342729096ea3675442027381ff50dfe', email: 'nelly@discord.com', verified: true },
    user: { id: '80351110224678912', name: 'Nelly', email: 'nelly@discord.com', image: 'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png' },
    authorization: 'https://discord.com/oauth2/authorize',
  },
  {
    name: 'facebook',
    create: Facebook,
    profile: { id: '10158', name: 'Ada Lovelace', email: 'ada@example.com', picture: { data: { url: 'https://img.example/ada.png' } } },
    user: stdUser('10158'),
  },
  {
    name: 'github',
    create: GitHub,
    profile: { id: 583231, login: 'octocat', name: 'The Octocat', email: null, avatar_url: 'https://avatars.githubusercontent.com/u/583231' },
    merged: { id: 583231, login: 'octocat', name: 'The Octocat', email: 'octocat@github.com', avatar_url: 'https://avatars.githubusercontent.com/u/583231' },
    responses: { '/user/emails': [{ email: 'octocat@github.com', primary: true, verified: true, visibility: 'private' }] },
    user: { id: '583231', name: 'The Octocat', email: 'octocat@github.com', image: 'https://avatars.githubusercontent.com/u/583231' },
    authorization: 'https://github.com/login/oauth/authorize',
  },
  {
    name: 'gitlab',
    create: GitLab,
    profile: { id: 1, username: 'john_smith', name: 'John Smith', email: 'john@example.com', avatar_url: 'https://gitlab.com/a.png' },
    user: { id: '1', name: 'John Smith', email: 'john@example.com', image: 'https://gitlab.com/a.png' },
    authorization: 'https://gitlab.com/oauth/authorize',
  },
  { name: 'google', create: Google, profile: std('110169484474386276334'), user: stdUser('110169484474386276334'), issuer: 'https://accounts.google.com' },
  { name: 'keycloak', create: Keycloak, options: { issuer: 'https://kc.example.com/realms/acme' }, profile: std('k1'), user: stdUser('k1') },
  { name: 'linkedin', create: LinkedIn, profile: std('li1'), user: stdUser('li1'), checks: ['state'], clientAuth: 'post' },
  {
    name: 'microsoft-entra-id',
    create: MicrosoftEntraID,
    options: { tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' },
    profile: { sub: 'AAAAIkzq', name: 'Abe Lincoln', email: 'abeli@contoso.com', tid: '9188040d-6c67-4c5b-b112-36a304b66dad' },
    user: { id: 'AAAAIkzq', name: 'Abe Lincoln', email: 'abeli@contoso.com', image: null },
  },
  {
    name: 'notion',
    create: Notion,
    profile: { object: 'user', id: 'n1', name: 'Ada Lovelace', avatar_url: 'https://img.example/ada.png', person: { email: 'ada@example.com' } },
    tokenExtra: { owner: { type: 'user', user: { object: 'user', id: 'n1', name: 'Ada Lovelace', avatar_url: 'https://img.example/ada.png', person: { email: 'ada@example.com' } } } },
    user: stdUser('n1'),
  },
  { name: 'okta', create: Okta, options: { issuer: 'https://acme.okta.com' }, profile: std('00u1'), user: stdUser('00u1') },
  { name: 'slack', create: Slack, profile: std('U1'), user: stdUser('U1') },
  {
    name: 'spotify',
    create: Spotify,
    profile: { id: 'wizzler', display_name: 'Ada Lovelace', email: 'ada@example.com', images: [{ url: 'https://img.example/ada.png', height: 300, width: 300 }] },
    user: stdUser('wizzler'),
  },
  {
    name: 'twitch',
    create: Twitch,
    profile: { sub: '713936733', preferred_username: 'Ada Lovelace', email: 'ada@example.com', email_verified: true, picture: 'https://img.example/ada.png' },
    user: stdUser('713936733'),
    clientAuth: 'post',
  },
  {
    name: 'twitter',
    create: Twitter,
    profile: { data: { id: '2244994945', name: 'Ada Lovelace', username: 'ada', profile_image_url: 'https://img.example/ada.png' } },
    user: { id: '2244994945', name: 'Ada Lovelace', email: null, image: 'https://img.example/ada.png' },
  },
  { name: 'zitadel', create: Zitadel, options: { issuer: 'https://acme.zitadel.cloud' }, profile: std('z1'), user: stdUser('z1') },
]
