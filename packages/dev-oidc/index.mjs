// A local OpenID Connect provider for tests, examples and dev, built on the npm package `oidc-provider`.
// It listens on 127.0.0.1, requires PKCE, sends RFC 9207 `iss` in authorization responses, and replaces
// oidc-provider's devInteractions by a tiny login form (fixed account, any password) with auto-consent,
// so an HTTP test client and a real browser can both complete the flow.
import { createServer } from 'node:http'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import Provider from 'oidc-provider'

const DEFAULT_ACCOUNT = {
  sub: 'ada',
  login: 'ada',
  name: 'Ada Lovelace',
  given_name: 'Ada',
  family_name: 'Lovelace',
  email: 'ada@example.com',
  email_verified: true,
  picture: 'https://example.com/ada.png',
}

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}
.hint{color:#555;font-size:.9rem}.error{color:#b00}</style></head><body>${body}</body></html>`
}

function loginForm(uid, clientId, account, error) {
  return page(
    'Sign in - Latch dev OIDC',
    `<h1>Dev OIDC sign-in</h1><p class="hint">Local test provider. Client: <code>${escape(clientId)}</code>.<br>
Sign in as <strong>${escape(account.login)}</strong> with any password.</p>
${error ? `<p class="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="login">Username</label><input id="login" name="login" value="${escape(account.login)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" value="dev">
<button type="submit">Sign in</button></form>`,
  )
}

async function readForm(req) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > 64 * 1024) throw new Error('form too large')
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** Grant every requested scope and claim (auto-consent). */
async function autoConsent(provider, details) {
  const {
    prompt: { details: missing },
    params,
    session,
    grantId,
  } = details
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id })
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
  if (missing.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '))
  }
  const saved = await grant.save()
  return { consent: grantId ? {} : { grantId: saved } }
}

/**
 * The client for a Latch app at `appUrl` that names this provider `dev-oidc`: its redirect URI is
 * `${appUrl}${basePath}/callback/dev-oidc`.
 */
export function appClient(appUrl, { clientId, clientSecret }, basePath = '/auth') {
  return { client_id: clientId, client_secret: clientSecret, redirect_uris: [`${appUrl}${basePath}/callback/dev-oidc`] }
}

/**
 * Start the provider. `clients` are oidc-provider client metadata (`client_id`, `client_secret`,
 * `redirect_uris`, `token_endpoint_auth_method`...). Returns `{ issuer, close(), provider, account }`.
 */
export async function startDevOidc(options = {}) {
  const account = { ...DEFAULT_ACCOUNT, ...(options.account ?? {}) }
  const host = options.host ?? '127.0.0.1'
  const server = createServer()
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address()
  const issuer = `http://${host}:${port}`

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `dev-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' }

  const clients = (options.clients ?? []).map((c) => ({
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    ...c,
  }))

  // What the account claims, once: everything but the login name (oidc-provider copies it and sets `sub` itself).
  const claims = { ...account }
  delete claims.login

  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true },
      dPoP: { enabled: true },
      ...(options.features ?? {}),
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'picture'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    // Refresh tokens for every client allowed the grant, not only offline_access requests.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: options.accessTokenTtl ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 10 * 60,
      Session: 24 * 3600,
      Grant: 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
      ...(options.ttl ?? {}),
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => (sub === account.sub ? { accountId: sub, claims: async () => claims } : undefined),
    renderError: async (ctx, out) => {
      ctx.type = 'html'
      ctx.body = page('Error - Latch dev OIDC', `<h1>Error</h1><pre>${escape(JSON.stringify(out, null, 2))}</pre>`)
    },
  })
  provider.on('server_error', (_ctx, err) => {
    if (options.onError) options.onError(err)
  })
  const callback = provider.callback()

  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname)
    if (!match) return callback(req, res)
    try {
      const details = await provider.interactionDetails(req, res)
      if (details.uid !== match[1]) throw new Error('interaction mismatch')
      if (details.prompt.name === 'consent') {
        return provider.interactionFinished(req, res, await autoConsent(provider, details), { mergeWithLastSubmission: true })
      }
      if (match[2] && req.method === 'POST') {
        const form = await readForm(req)
        if (form.get('login') !== account.login) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          return res.end(loginForm(details.uid, details.params.client_id, account, `Unknown user; use "${account.login}".`))
        }
        return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false })
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(loginForm(details.uid, details.params.client_id, account))
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page('Error - Latch dev OIDC', `<h1>Interaction error</h1><p>${escape(err?.message ?? err)}</p>`))
    }
  })

  return {
    issuer,
    port,
    provider,
    account,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

export default startDevOidc
