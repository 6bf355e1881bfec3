import type { Provider, CredentialsConfig } from '../providers/types.js'
import type { Theme } from '../types.js'
import { hidden, html, layout, type Html } from './html.js'
import { signinMessage } from './messages.js'
import { passwordSigninForm } from '../passwords/pages.js'
import { listSettings, missingProviderSettings } from '../diagnostics/provider-setup.js'

export interface SigninPageProps {
  providers: Provider[]
  authUrl: string
  csrfToken: string
  callbackUrl?: string
  error?: string
  theme: Theme
}

function providerForm(p: Provider, props: SigninPageProps): Html {
  const h = hidden(props.csrfToken, props.callbackUrl)
  if (p.type === 'credentials') {
    const fields = Object.entries((p as CredentialsConfig).credentials ?? {}).map(([name, input]) => {
      const id = `input-${p.id}-${name}`
      const type = typeof input?.type === 'string' && /^[a-z-]{1,20}$/.test(input.type) ? input.type : 'text'
      return html`<label for="${id}">${input?.label ?? name}</label><input id="${id}" name="${name}" type="${type}" placeholder="${input?.placeholder ?? ''}" value="${input?.value ?? ''}"${type === 'password' ? html` autocomplete="current-password"` : ''}>`
    })
    return html`<form action="${props.authUrl}/callback/${p.id}" method="POST">${h}${fields}<button type="submit">Sign in with ${p.name}</button></form>`
  }
  if (p.type === 'password') {
    return passwordSigninForm({ authUrl: props.authUrl, providerId: p.id, name: p.name, csrfToken: props.csrfToken, callbackUrl: props.callbackUrl, theme: props.theme })
  }
  if (p.type === 'email') {
    const id = `input-email-for-${p.id}`
    return html`<form action="${props.authUrl}/signin/${p.id}" method="POST">${h}<label for="${id}">Email</label><input id="${id}" type="email" name="email" autocomplete="email" required placeholder="email@example.com"><button type="submit">Sign in with ${p.name}</button></form>`
  }
  // An OAuth provider without its client id/secret: say what to set instead of a button that can only fail.
  const missing = missingProviderSettings(p)
  if (missing.length) {
    return html`<div class="error" role="note" data-provider="${p.id}"><strong>${p.name}</strong> sign-in is not set up yet: set <code>${listSettings(missing)}</code> in the server's environment.</div>`
  }
  return html`<form action="${props.authUrl}/signin/${p.id}" method="POST">${h}<button type="submit">Sign in with ${p.name}</button></form>`
}

export function signinPage(props: SigninPageProps) {
  const message = signinMessage(props.error)
  const forms = props.providers.map((p, i) => html`${i > 0 ? html`<hr>` : ''}${providerForm(p, props)}`)
  return layout({
    title: 'Sign in',
    theme: props.theme,
    body: html`<h1>Sign in</h1>${message ? html`<div class="error" role="alert">${message}</div>` : ''}${forms}`,
  })
}
