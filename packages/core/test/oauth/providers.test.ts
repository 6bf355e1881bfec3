import { describe, expect, it } from 'vitest'
import type { OAuthConfig, TokenSet } from '../../src/providers/types.js'
import Apple from '../../src/providers/apple.js'
import Auth0 from '../../src/providers/auth0.js'
import Authentik from '../../src/providers/authentik.js'
import Bitbucket from '../../src/providers/bitbucket.js'
import Cognito from '../../src/providers/cognito.js'
import Discord from '../../src/providers/discord.js'
import Facebook from '../../src/providers/facebook.js'
import GitHub from '../../src/providers/github.js'
import GitLab from '../../src/providers/gitlab.js'
import Google from '../../src/providers/google.js'
import Keycloak from '../../src/providers/keycloak.js'
import LinkedIn from '../../src/providers/linkedin.js'
import MicrosoftEntraID from '../../src/providers/microsoft-entra-id.js'
import Notion from '../../src/providers/notion.js'
import Okta from '../../src/providers/okta.js'
import Slack from '../../src/providers/slack.js'
import Spotify from '../../src/providers/spotify.js'
import Twitch from '../../src/providers/twitch.js'
import Twitter from '../../src/providers/twitter.js'
import X from '../../src/providers/x.js'
import Zitadel from '../../src/providers/zitadel.js'

const tokens: TokenSet = { access_token: 'at', token_type: 'bearer' }
/** The mapped user without `emailVerified` (asserted on its own below). */
const map = async (p: OAuthConfig<any>, profile: Record<string, unknown>, t: TokenSet = tokens) => {
  const { emailVerified: _v, ...user } = await p.profile!(profile as never, t)
  return user
}
const affirms = async (p: OAuthConfig<any>, profile: Record<string, unknown>) => (await p.profile!(profile as never, tokens)).emailVerified instanceof Date

describe('emailVerified: set only when the identity provider affirms the address (SECURITY.md table)', () => {
  const oidc = { sub: 's', email: 'a@b.example' }
  const cases: [string, OAuthConfig<any>, Record<string, unknown>, boolean][] = []
  for (const [name, p] of [['Google', Google()], ['Auth0', Auth0({ issuer: 'https://t.auth0.com/' })], ['Authentik', Authentik({ issuer: 'https://a.example/' })], ['Cognito', Cognito({ issuer: 'https://c.example' })], ['Keycloak', Keycloak({ issuer: 'https://k.example/realms/r' })], ['Okta', Okta({ issuer: 'https://o.example' })], ['ZITADEL', Zitadel({ issuer: 'https://z.example' })], ['Slack', Slack()], ['Twitch', Twitch()], ['LinkedIn', LinkedIn()]] as const) {
    cases.push([`${name} email_verified true`, p, { ...oidc, email_verified: true }, true])
    for (const v of [false, 'true', 'false', 1, null, undefined]) cases.push([`${name} email_verified ${JSON.stringify(v)}`, p, { ...oidc, email_verified: v }, false])
  }
  cases.push(['Apple "true"', Apple(), { ...oidc, email_verified: 'true' }, true], ['Apple true', Apple(), { ...oidc, email_verified: true }, true])
  cases.push(['Apple "false"', Apple(), { ...oidc, email_verified: 'false' }, false], ['Apple posted user.email only', Apple(), { sub: 's', email_verified: 'true', user: { email: 'a@b.example' } }, false])
  cases.push(['GitHub listed verified', GitHub(), { id: 1, login: 'l', email: 'a@b.example', email_verified: true }, true], ['GitHub not listed', GitHub(), { id: 1, login: 'l', email: 'a@b.example' }, false])
  cases.push(['Bitbucket confirmed', Bitbucket(), { uuid: 'u', display_name: 'd', links: {}, email: 'a@b.example', email_verified: true }, true], ['Bitbucket unconfirmed', Bitbucket(), { uuid: 'u', display_name: 'd', links: {}, email: 'a@b.example' }, false])
  cases.push(['Discord verified', Discord(), { id: '1', username: 'u', email: 'a@b.example', verified: true }, true], ['Discord unverified', Discord(), { id: '1', username: 'u', email: 'a@b.example', verified: false }, false])
  cases.push(['Microsoft Entra ID (email claim is not verified)', MicrosoftEntraID(), { ...oidc, email_verified: true }, false])
  cases.push(['Facebook', Facebook(), { id: '1', email: 'a@b.example', email_verified: true }, false], ['GitLab', GitLab(), { id: 1, username: 'u', email: 'a@b.example', email_verified: true }, false])
  cases.push(['Spotify', Spotify(), { id: '1', email: 'a@b.example', email_verified: true }, false], ['Notion', Notion(), { id: '1', person: { email: 'a@b.example' }, email_verified: true }, false])
  cases.push(['Twitter', Twitter(), { data: { id: '1', name: 'n', confirmed_email: 'a@b.example' } }, false])
  it.each(cases)('%s', async (_name, provider, profile, expected) => {
    expect(await affirms(provider, profile)).toBe(expected)
  })
})

const oidcClaims = { iss: 'https://issuer.example', aud: 'client', iat: 1700000000, exp: 1700003600 }

describe('provider profile mapping (realistic fixtures)', () => {
  it('GitHub', async () => {
    const profile = {
      login: 'octocat',
      id: 583231,
      node_id: 'MDQ6VXNlcjU4MzIzMQ==',
      avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
      html_url: 'https://github.com/octocat',
      type: 'User',
      name: 'The Octocat',
      company: '@github',
      blog: 'https://github.blog',
      location: 'San Francisco',
      email: 'octocat@github.com',
      bio: null,
      public_repos: 8,
      created_at: '2011-01-25T18:44:36Z',
    }
    expect(await map(GitHub(), profile)).toEqual({ id: '583231', name: 'The Octocat', email: 'octocat@github.com', image: profile.avatar_url })
    expect(await map(GitHub(), { ...profile, name: null, email: null })).toMatchObject({ name: 'octocat', email: null })
  })

  it('Google', async () => {
    const claims = {
      ...oidcClaims,
      iss: 'https://accounts.google.com',
      azp: 'client.apps.googleusercontent.com',
      sub: '110169484474386276334',
      hd: 'example.com',
      email: 'jane@example.com',
      email_verified: true,
      at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
      name: 'Jane Doe',
      picture: 'https://lh3.googleusercontent.com/a/ACg8ocK',
      given_name: 'Jane',
      family_name: 'Doe',
      locale: 'en',
    }
    expect(await map(Google(), claims)).toEqual({ id: '110169484474386276334', name: 'Jane Doe', email: 'jane@example.com', image: claims.picture })
  })

  it('Apple: name from the posted `user`, only on the first sign-in', async () => {
    const claims = {
      ...oidcClaims,
      iss: 'https://appleid.apple.com',
      sub: '001234.abcd1234abcd1234abcd1234abcd1234.0123',
      email: 'x7k2@privaterelay.appleid.com',
      email_verified: 'true',
      is_private_email: 'true',
      auth_time: 1700000000,
      nonce_supported: true,
      real_user_status: 2,
    }
    expect(await map(Apple(), { ...claims, user: { name: { firstName: 'Jane', lastName: 'Doe' }, email: claims.email } })).toEqual({
      id: claims.sub,
      name: 'Jane Doe',
      email: claims.email,
      image: null,
    })
    expect(await map(Apple(), claims)).toMatchObject({ name: null, email: claims.email })
    const apple = Apple()
    expect(apple.authorization).toMatchObject({ params: { response_mode: 'form_post', scope: 'name email' } })
    expect(apple.client?.token_endpoint_auth_method).toBe('client_secret_post')
  })

  it('Microsoft Entra ID', async () => {
    const claims = {
      ...oidcClaims,
      iss: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
      sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      oid: '00000000-0000-0000-66f3-3332eca7ea81',
      tid: '9188040d-6c67-4c5b-b112-36a304b66dad',
      name: 'Abe Lincoln',
      preferred_username: 'abeli@microsoft.com',
      ver: '2.0',
    }
    expect(await map(MicrosoftEntraID(), claims)).toEqual({ id: claims.sub, name: 'Abe Lincoln', email: 'abeli@microsoft.com', image: null })
    expect(MicrosoftEntraID({ tenantId: 'contoso' }).issuer).toBe('https://login.microsoftonline.com/contoso/v2.0')
  })

  it('GitLab', async () => {
    const profile = {
      id: 1,
      username: 'john_smith',
      name: 'John Smith',
      state: 'active',
      avatar_url: 'https://gitlab.com/uploads/user/avatar/1/cd8.jpeg',
      web_url: 'https://gitlab.com/john_smith',
      email: 'john@example.com',
      public_email: 'john@example.com',
      created_at: '2012-05-23T08:00:58Z',
    }
    expect(await map(GitLab(), profile)).toEqual({ id: '1', name: 'John Smith', email: 'john@example.com', image: profile.avatar_url })
    expect(GitLab({ baseUrl: 'https://git.example.com/' }).token).toBe('https://git.example.com/oauth/token')
  })

  it('Discord (animated avatar, and default avatar for new usernames)', async () => {
    const profile = {
      id: '80351110224678912',
      username: 'nelly',
      discriminator: '0',
      global_name: 'Nelly',
      avatar: 'a_8342729096ea3675442027381ff50dfe',
      verified: true,
      email: 'nelly@discord.com',
      flags: 64,
      banner: null,
      premium_type: 1,
      public_flags: 64,
      mfa_enabled: true,
      locale: 'en-US',
    }
    expect(await map(Discord(), profile)).toEqual({
      id: '80351110224678912',
      name: 'Nelly',
      email: 'nelly@discord.com',
      image: 'https://cdn.discordapp.com/avatars/80351110224678912/a_8342729096ea3675442027381ff50dfe.gif',
    })
    const plain = await map(Discord(), { ...profile, avatar: null, global_name: null })
    expect(plain.name).toBe('nelly')
    expect(plain.image).toBe(`https://cdn.discordapp.com/embed/avatars/${Number((80351110224678912n >> 22n) % 6n)}.png`)
  })

  it('Auth0', async () => {
    const claims = {
      ...oidcClaims,
      sub: 'auth0|507f1f77bcf86cd799439020',
      nickname: 'jane',
      name: 'jane@example.com',
      picture: 'https://s.gravatar.com/avatar/abc.png',
      updated_at: '2024-01-01T00:00:00.000Z',
      email: 'jane@example.com',
      email_verified: true,
    }
    expect(await map(Auth0({ issuer: 'https://tenant.us.auth0.com/' }), claims)).toEqual({
      id: 'auth0|507f1f77bcf86cd799439020',
      name: 'jane@example.com',
      email: 'jane@example.com',
      image: claims.picture,
    })
  })

  it('Keycloak', async () => {
    const claims = {
      ...oidcClaims,
      sub: 'f1b1c5c2-2b7d-4c35-9a1e-2f9d7a8b1c11',
      typ: 'ID',
      azp: 'latch',
      session_state: 'a2a0f8e4',
      email_verified: true,
      name: 'Jane Doe',
      preferred_username: 'jane',
      given_name: 'Jane',
      family_name: 'Doe',
      email: 'jane@example.com',
    }
    expect(await map(Keycloak(), claims)).toEqual({ id: claims.sub, name: 'Jane Doe', email: 'jane@example.com', image: null })
    expect(await map(Keycloak(), { ...claims, name: undefined })).toMatchObject({ name: 'jane' })
  })

  it('Okta', async () => {
    const claims = {
      ...oidcClaims,
      sub: '00uid4BxXw6I6TV4m0g3',
      name: 'John Doe',
      nickname: 'Jimmy',
      given_name: 'John',
      family_name: 'Doe',
      preferred_username: 'john.doe@example.com',
      email: 'john.doe@example.com',
      email_verified: true,
      zoneinfo: 'America/Los_Angeles',
      locale: 'en-US',
      updated_at: 1311280970,
    }
    expect(await map(Okta(), claims)).toEqual({ id: '00uid4BxXw6I6TV4m0g3', name: 'John Doe', email: 'john.doe@example.com', image: null })
  })

  it('Cognito', async () => {
    const claims = {
      ...oidcClaims,
      sub: 'aaaaaaaa-bbbb-cccc-dddd-example',
      'cognito:groups': ['admin'],
      email_verified: true,
      'cognito:username': 'janedoe',
      origin_jti: 'aaaaaaaa',
      token_use: 'id',
      auth_time: 1700000000,
      email: 'janedoe@example.com',
    }
    expect(await map(Cognito(), claims)).toEqual({ id: claims.sub, name: 'janedoe', email: 'janedoe@example.com', image: null })
  })

  it('Slack', async () => {
    const claims = {
      ...oidcClaims,
      iss: 'https://slack.com',
      sub: 'U0R7JM',
      'https://slack.com/user_id': 'U0R7JM',
      'https://slack.com/team_id': 'T0R7GR',
      email: 'krane@slack-corp.com',
      email_verified: true,
      name: 'krane',
      picture: 'https://secure.gravatar.com/avatar/d2a1.jpg?s=512',
      given_name: 'Bront',
      family_name: 'Labradoodle',
      locale: 'en-US',
      'https://slack.com/team_name': 'kraneflannel',
      'https://slack.com/user_image_512': 'https://secure.gravatar.com/avatar/d2a1.jpg?s=512&x=1',
    }
    expect(await map(Slack(), claims)).toEqual({
      id: 'U0R7JM',
      name: 'krane',
      email: 'krane@slack-corp.com',
      image: 'https://secure.gravatar.com/avatar/d2a1.jpg?s=512&x=1',
    })
  })

  it('Twitch', async () => {
    const claims = {
      ...oidcClaims,
      iss: 'https://id.twitch.tv/oauth2',
      sub: '713936733',
      azp: 'client',
      preferred_username: 'twitchdev',
      email: 'dev@twitch.tv',
      email_verified: true,
      picture: 'https://static-cdn.jtvnw.net/jtv_user_pictures/8a6381c7-profile_image-300x300.png',
    }
    expect(await map(Twitch(), claims)).toEqual({ id: '713936733', name: 'twitchdev', email: 'dev@twitch.tv', image: claims.picture })
    const params = (Twitch().authorization as { params: Record<string, string> }).params
    expect(JSON.parse(params.claims!).id_token).toHaveProperty('email')
    expect(Twitch().client?.token_endpoint_auth_method).toBe('client_secret_post')
  })

  it('Spotify', async () => {
    const profile = {
      country: 'SE',
      display_name: 'JM Wizzler',
      email: 'email@example.com',
      explicit_content: { filter_enabled: false, filter_locked: false },
      external_urls: { spotify: 'https://open.spotify.com/user/wizzler' },
      followers: { href: null, total: 3829 },
      href: 'https://api.spotify.com/v1/users/wizzler',
      id: 'wizzler',
      images: [{ height: 300, url: 'https://i.scdn.co/image/ab6775700000ee85', width: 300 }],
      product: 'premium',
      type: 'user',
      uri: 'spotify:user:wizzler',
    }
    expect(await map(Spotify(), profile)).toEqual({ id: 'wizzler', name: 'JM Wizzler', email: 'email@example.com', image: profile.images[0]!.url })
    expect(await map(Spotify(), { ...profile, images: [] })).toMatchObject({ image: null })
  })

  it('LinkedIn', async () => {
    const claims = {
      ...oidcClaims,
      iss: 'https://www.linkedin.com/oauth',
      sub: '782bbtaQ',
      name: 'John Doe',
      given_name: 'John',
      family_name: 'Doe',
      picture: 'https://media.licdn-ei.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/',
      locale: 'en-US',
      email: 'doe@email.com',
      email_verified: true,
    }
    expect(await map(LinkedIn(), claims)).toEqual({ id: '782bbtaQ', name: 'John Doe', email: 'doe@email.com', image: claims.picture })
  })

  it('Facebook', async () => {
    const profile = {
      id: '10224862139592813',
      name: 'Jane Doe',
      email: 'jane@example.com',
      picture: { data: { height: 50, is_silhouette: false, url: 'https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=1', width: 50 } },
    }
    expect(await map(Facebook(), profile)).toEqual({ id: '10224862139592813', name: 'Jane Doe', email: 'jane@example.com', image: profile.picture.data.url })
    expect(Facebook().userinfo).toMatchObject({ params: { fields: 'id,name,email,picture' } })
  })

  it('Twitter / X', async () => {
    const profile = {
      data: { id: '2244994945', name: 'X Dev', username: 'XDevelopers', profile_image_url: 'https://pbs.twimg.com/profile_images/1/normal.jpg' },
    }
    const expected = { id: '2244994945', name: 'X Dev', email: null, image: profile.data.profile_image_url }
    expect(await map(Twitter(), profile)).toEqual(expected)
    expect(await map(X(), profile)).toEqual(expected)
    expect(X().id).toBe('x')
  })

  it('ZITADEL', async () => {
    const claims = {
      ...oidcClaims,
      sub: '77776025198584418',
      name: 'Road Runner',
      given_name: 'Road',
      family_name: 'Runner',
      locale: 'en',
      preferred_username: 'road.runner@acme.zitadel.cloud',
      email: 'road.runner@acme.ch',
      email_verified: true,
      updated_at: 1658329554,
    }
    expect(await map(Zitadel(), claims)).toEqual({ id: '77776025198584418', name: 'Road Runner', email: 'road.runner@acme.ch', image: null })
  })

  it('authentik', async () => {
    const claims = {
      ...oidcClaims,
      sub: 'b5c4a0f3b7c1d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8',
      email: 'akadmin@example.com',
      email_verified: true,
      name: 'authentik Default Admin',
      given_name: 'authentik Default Admin',
      preferred_username: 'akadmin',
      nickname: 'akadmin',
      groups: ['authentik Admins'],
    }
    expect(await map(Authentik(), claims)).toEqual({ id: claims.sub, name: 'authentik Default Admin', email: 'akadmin@example.com', image: null })
  })

  it('Bitbucket', async () => {
    const profile = {
      display_name: 'Jane Doe',
      links: { avatar: { href: 'https://secure.gravatar.com/avatar/abc?d=https%3A%2F%2Favatar-management' } },
      type: 'user',
      uuid: '{d301aafa-d676-4ee0-88be-962be7417567}',
      account_id: '557058:c0b72ad0-1cb5-4018-9cdc-0cde8492c443',
      nickname: 'jdoe',
      email: 'jane@example.com',
    }
    expect(await map(Bitbucket(), profile)).toEqual({ id: profile.uuid, name: 'Jane Doe', email: 'jane@example.com', image: profile.links.avatar.href })
  })

  it('Notion', async () => {
    const profile = {
      object: 'user',
      id: 'e79a0b74-3aba-4149-9f74-0bb5791a6ee6',
      name: 'Avocado Lovelace',
      avatar_url: 'https://secure.notion-static.com/e6a352a8-8381-44d0-a1dc-9ed80e62b53d.jpg',
      type: 'person',
      person: { email: 'avo@example.org' },
    }
    expect(await map(Notion(), profile)).toEqual({ id: profile.id, name: 'Avocado Lovelace', email: 'avo@example.org', image: profile.avatar_url })
  })
})
