// Generates docs/providers/<name>.md for every provider module from the module itself (id, type,
// endpoints, scopes, checks, client authentication: by calling its default export) and its JSDoc,
// plus the small table below of what each provider says about the e-mail address. A test
// (packages/core/test/providers/provider-docs.test.ts) checks the committed files match.
//   node scripts/provider-docs.mjs        (after `pnpm run build`: reads packages/core/dist)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const names = readFileSync(join(root, 'packages/core/test/providers/fixtures/auth-js-provider-names.txt'), 'utf8').split('\n').filter(Boolean)

const OIDC_FLAG = 'The `email_verified` claim: `emailVerified` is a Date only when it is `true`.'
/** What each provider tells about the address; absent: the provider sends no verified flag. */
const VERIFIED = {
  atlassian: '`email_verified` of `/me`: `emailVerified` is a Date only when it is `true`.',
  dropbox: '`email_verified` of the account: `emailVerified` is a Date only when it is `true`.',
  eventbrite: 'The `verified` flag of the primary address in `emails`.',
  kakao: '`is_email_valid` and `is_email_verified`: both must be `true`.',
  mattermost: '`email_verified` of the user: `emailVerified` is a Date only when it is `true`.',
  patreon: '`is_email_verified` (with the `identity[email]` scope).',
  wikimedia: '`confirmed_email` of the profile.',
  wordpress: '`email_verified` of `/rest/v1/me`.',
  github: 'GitHub marks addresses verified in `/user/emails`; the provider picks the primary verified address when the public one is hidden.',
  bitbucket: 'Bitbucket marks addresses confirmed in `/user/emails`; the primary confirmed one is used.',
  discord: 'Discord\'s `verified` flag on the user.',
  apple: 'Apple\'s `email_verified` claim (sent as a string or boolean).',
  'microsoft-entra-id': 'Entra\'s `email` claim is not verified (any tenant admin can set it).',
  'azure-ad': 'Entra\'s `email` claim is not verified (any tenant admin can set it).',
  'azure-devops': 'Entra\'s `email` claim is not verified: `emailVerified` is null.',
}
const NO_EMAIL = new Set(['battlenet', 'bungie', 'eveonline', 'instagram', 'mastodon', 'medium', 'osu', 'pinterest', 'reddit', 'roblox', 'strava', 'threads', 'tiktok', 'trakt', 'wechat', 'twitter'])
const HTTP_EMAIL = new Set(['resend', 'sendgrid', 'postmark', 'mailgun', 'forwardemail', 'loops'])

const url = (e) => (typeof e === 'string' ? e : e?.url)
const params = (e) => (e && typeof e === 'object' ? (e.params ?? {}) : {})
const envKey = (id) => id.toUpperCase().replace(/-/g, '_')

/** The JSDoc of the default export, as markdown text. */
function jsdoc(source) {
  const at = source.indexOf('export default function')
  const end = source.lastIndexOf('*/', at)
  const start = source.lastIndexOf('/**', end)
  if (start < 0 || end < 0 || source.slice(end, at).includes('\n\n')) return ''
  return source
    .slice(start + 3, end)
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim()
    .replace(/\{@link ([^}]+)\}/g, '`$1`')
    // Outside code spans, `<placeholder>` would be read as an HTML tag by VitePress.
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
}

function exampleOptions(name) {
  if (name === 'oauth') return "{ id: 'acme', name: 'Acme', issuer: 'https://auth.acme.example' }"
  if (name === 'credentials') return '{ credentials: { email: {}, password: {} }, authorize: async () => null /* look the user up */ }'
  if (name === 'email' || name === 'nodemailer') return "{ server: process.env.EMAIL_SERVER, from: 'Acme <no-reply@acme.example>' }"
  if (name === 'loops') return "{ transactionalId: 'your-transactional-id' } /* apiKey from AUTH_LOOPS_KEY */"
  if (HTTP_EMAIL.has(name)) return "{ from: 'Acme <no-reply@acme.example>' } /* apiKey from AUTH_" + envKey(name) + '_KEY */'
  return ''
}

/** The markdown page of one provider module. */
export function render(name, mod, source) {
  const fn = /export default function (\w+)/.exec(source)?.[1] ?? 'Provider'
  const sample = name === 'credentials' ? { credentials: {}, authorize: async () => null } : name === 'email' || name === 'nodemailer' ? { server: 'smtp://x', from: 'a@b.co' } : {}
  const p = mod.default(sample)
  const id = p.id
  const rows = [['Import', `\`import ${fn} from '@latch/core/providers/${name}'\``], ['Provider id', `\`${id}\``]]
  const lines = []
  if (p.type === 'oauth' || p.type === 'oidc') {
    rows.push(['Type', p.type === 'oidc' ? 'OpenID Connect (discovery from `issuer`, id_token validated)' : 'OAuth 2.0'])
    rows.push(['Callback URL', `\`{AUTH_URL}/auth/callback/${id}\` (register it at the provider)`])
    if (p.issuer) rows.push(['Issuer', `\`${p.issuer}\``])
    else if (p.type === 'oidc' || /issuer/.test(source)) rows.push(['Issuer', `yours: \`issuer\` option or \`AUTH_${envKey(id)}_ISSUER\``])
    for (const [label, e] of [['Authorization endpoint', p.authorization], ['Token endpoint', p.token], ['Profile endpoint', p.userinfo]]) {
      if (url(e) && !url(e).includes('.invalid')) rows.push([label, `\`${url(e)}\``])
    }
    const scope = params(p.authorization).scope
    rows.push(['Default scopes', scope ? `\`${scope}\`` : '(none sent; the provider\'s default)'])
    const checks = p.checks ?? (p.type === 'oidc' ? ['pkce', 'state', 'nonce'] : ['pkce', 'state'])
    rows.push(['Checks', checks.map((c) => `\`${c}\``).join(', ')])
    rows.push(['Token endpoint auth', `\`${p.client?.token_endpoint_auth_method ?? 'client_secret_basic'}\``])
    const verified = NO_EMAIL.has(name)
      ? 'The provider shares no e-mail address: `email` and `emailVerified` are null.'
      : (VERIFIED[name] ?? (p.type === 'oidc' ? OIDC_FLAG : 'The provider sends no verified flag: `emailVerified` is null (the address is not trusted for account linking).'))
    rows.push(['E-mail verified', verified])
    const env = [`AUTH_${envKey(id)}_ID`, `AUTH_${envKey(id)}_SECRET`]
    if (p.type === 'oidc' || /issuer/.test(source)) env.push(`AUTH_${envKey(id)}_ISSUER`)
    rows.push(['Environment', env.map((e) => `\`${e}\``).join(', ')])
  } else if (p.type === 'email') {
    rows.push(['Type', 'E-mail (magic link); needs an adapter'])
    rows.push(['Callback URL', `\`{AUTH_URL}/auth/callback/${id}\` (the link in the message)`])
    rows.push(['E-mail verified', 'Yes: opening the link proves the address (`emailVerified` is set by the core).'])
    rows.push(['Environment', HTTP_EMAIL.has(name) ? `\`AUTH_${envKey(id)}_KEY\` (the API key)` : '(none; `server` and `from` are options)'])
  } else {
    rows.push(['Type', p.type === 'credentials' ? 'Credentials (your `authorize()`)' : p.type])
    rows.push(['Callback URL', `\`{AUTH_URL}/auth/callback/${id}\` (the sign-in form posts here)`])
  }
  lines.push(`# ${p.name} — \`@latch/core/providers/${name}\``, '')
  const doc = jsdoc(source)
  if (doc) lines.push(doc, '')
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), '')
  lines.push('## Usage', '', '```ts', `import ${fn} from '@latch/core/providers/${name}'`, '', `export const config = { providers: [${fn}(${exampleOptions(name)})] }`, '```', '')
  lines.push('Options have the same names as in Auth.js (`clientId`, `clientSecret`, `issuer`, `authorization`, `token`, `userinfo`, `checks`, `profile`, `allowDangerousEmailAccountLinking`, …); endpoint options are merged over the defaults, so `authorization: { params: { prompt: \'consent\' } }` keeps the default scopes.', '')
  lines.push('<!-- Generated by scripts/provider-docs.mjs from the provider module; edit the module or the script, not this file. -->', '')
  return lines.join('\n')
}

export function sourceOf(name) {
  return readFileSync(join(root, 'packages/core/src/providers', `${name}.ts`), 'utf8')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = join(root, 'docs/providers')
  mkdirSync(out, { recursive: true })
  const table = ['| Module | Name | Type |', '|---|---|---|']
  for (const name of names) {
    const mod = await import(pathToFileURL(join(root, 'packages/core/dist/providers', `${name}.js`)).href)
    const md = render(name, mod, sourceOf(name))
    writeFileSync(join(out, `${name}.md`), md)
    const title = /^# (.+) — /.exec(md)[1]
    const type = /\| Type \| ([^|]+) \|/.exec(md)[1].split(' (')[0].split(';')[0]
    table.push(`| [${name}](./${name}.md) | ${title} | ${type} |`)
  }
  // The list in docs/providers/index.md, between its markers.
  const indexFile = join(out, 'index.md')
  const index = readFileSync(indexFile, 'utf8')
  const start = '<!-- provider-list:start (generated by scripts/provider-docs.mjs) -->'
  const end = '<!-- provider-list:end -->'
  const list = `${start}\n\n${table.join('\n')}\n\n${end}`
  writeFileSync(indexFile, index.includes(start) ? index.replace(new RegExp(`${start.replace(/[()]/g, '\\$&')}[\\s\\S]*${end}`), list) : `${index.trimEnd()}\n\n## All ${names.length} provider modules\n\n${list}\n`)
  console.log(`wrote ${names.length} provider pages to docs/providers`)
}
