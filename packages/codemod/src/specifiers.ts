/**
 * Where each Auth.js / NextAuth module lives in Latch. `null`: not an Auth.js module (or an adapter, which works
 * unchanged), left alone. `{ to }`: rewrite. `{ problem }`: an Auth.js module with no Latch equivalent.
 */
export type Mapping = { to: string } | { problem: string } | null

/** The providers @latch/core ships, by module name (Auth.js's names). */
export const LATCH_PROVIDERS = new Set([
  '42-school', 'apple', 'asgardeo', 'atlassian', 'auth0', 'authentik', 'azure-ad', 'azure-ad-b2c', 'azure-devops',
  'bankid-no', 'battlenet', 'beyondidentity', 'bitbucket', 'box', 'boxyhq-saml', 'bungie', 'click-up', 'cognito',
  'coinbase', 'concept2', 'credentials', 'descope', 'discord', 'dribbble', 'dropbox', 'duende-identity-server6',
  'email', 'eventbrite', 'eveonline', 'facebook', 'faceit', 'figma', 'forwardemail', 'foursquare', 'freshbooks',
  'frontegg', 'fusionauth', 'github', 'gitlab', 'google', 'http-email', 'hubspot', 'huggingface', 'identity-server4',
  'instagram', 'kakao', 'keycloak', 'kinde', 'line', 'linkedin', 'logto', 'loops', 'mailchimp', 'mailgun', 'mailru',
  'mastodon', 'mattermost', 'medium', 'microsoft-entra-id', 'naver', 'netlify', 'netsuite', 'nextcloud',
  'nodemailer', 'notion', 'oauth', 'oidc', 'okta', 'onelogin', 'ory-hydra', 'osso', 'osu', 'passage', 'patreon',
  'ping-id', 'pinterest', 'pipedrive', 'postmark', 'reddit', 'resend', 'roblox', 'salesforce', 'sendgrid', 'shape',
  'simplelogin', 'slack', 'smtp', 'spotify', 'strava', 'threads', 'tiktok', 'todoist', 'trakt', 'twitch', 'twitter',
  'united-effects', 'vipps', 'vk', 'webex', 'wechat', 'wikimedia', 'wordpress', 'workos', 'x', 'yandex', 'zitadel',
  'zoho', 'zoom',
])

/** Auth.js framework packages and their Latch counterparts. */
const FRAMEWORKS: Record<string, string> = {
  '@auth/express': '@latch/express',
  '@auth/sveltekit': '@latch/sveltekit',
  '@hono/auth-js': '@latch/hono',
}

const NEXT_AUTH: Record<string, string> = {
  'next-auth': '@latch/next',
  'next-auth/next': '@latch/next',
  'next-auth/react': '@latch/next/react',
  'next-auth/jwt': '@latch/next/jwt',
  'next-auth/middleware': '@latch/next/middleware',
}

const AUTH_CORE: Record<string, string> = {
  '@auth/core': '@latch/core',
  '@auth/core/jwt': '@latch/core/jwt',
  '@auth/core/types': '@latch/core/types',
  '@auth/core/errors': '@latch/core/errors',
}

const ADAPTER = /^(@auth|@next-auth)\/[a-z0-9-]+-adapter(\/|$)/

function provider(name: string, from: string): Mapping {
  if (LATCH_PROVIDERS.has(name)) return { to: `@latch/core/providers/${name}` }
  return { problem: `no Latch provider "${name}" (${from}); use @latch/core/providers/oidc or oauth with its endpoints` }
}

export function mapSpecifier(spec: string): Mapping {
  if (ADAPTER.test(spec)) return null
  if (spec in NEXT_AUTH) return { to: NEXT_AUTH[spec]! }
  if (spec in AUTH_CORE) return { to: AUTH_CORE[spec]! }
  if (spec in FRAMEWORKS) return { to: FRAMEWORKS[spec]! }
  const providerMatch = /^(next-auth|@auth\/core|@auth\/express|@auth\/sveltekit)\/providers\/([^/]+)$/.exec(spec)
  if (providerMatch) return provider(providerMatch[2]!, spec)
  if (spec === 'next-auth/adapters' || spec === '@auth/core/adapters') {
    return { problem: `${spec} has no module of its own in Latch; import the adapter types (Adapter, AdapterUser, ...) from @latch/core` }
  }
  if (spec === 'next-auth' || spec.startsWith('next-auth/') || spec.startsWith('@auth/') || spec.startsWith('@hono/auth-js')) {
    return { problem: `${spec} has no Latch equivalent` }
  }
  return null
}
