import type { Theme } from '../types.js'
import type { SessionInfo } from '../session/manage.js'
import type { AccountOverview } from './operations.js'
import { hidden, html, layout, type Html } from '../pages/html.js'

/**
 * The built-in account page: plain forms (no script, the pages' strict CSP), each POSTing with the CSRF token.
 * Every value is escaped by the `html` template.
 */
const NOTICES: Record<string, string> = {
  'email-sent': 'If the address can be used, a confirmation link is on its way to it. Nothing changes until it is followed.',
  'email-changed': 'Your e-mail address was changed.',
  unlinked: 'The account was unlinked.',
  'session-revoked': 'The session was signed out.',
  'sessions-revoked': 'Your other sessions were signed out.',
}

const ERRORS: Record<string, string> = {
  InvalidRequest: 'That could not be done. An account that is your only way to sign in cannot be removed.',
  InvalidProvider: 'That provider cannot be linked.',
  InvalidCheck: 'The link was not completed: start it again from this page.',
  MissingCSRF: 'The form expired: try again.',
  OAuthAccountNotLinked: 'That account is already linked to another user.',
  Verification: 'The link is invalid, expired or was already used.',
  RateLimited: 'Too many attempts: try again later.',
}

export function noticeText(done: string | undefined): string | undefined {
  if (!done) return undefined
  if (done.startsWith('linked:')) return 'The account was linked.'
  return NOTICES[done]
}

export function accountPage(props: {
  authUrl: string
  csrfToken: string
  data: AccountOverview
  sessions: SessionInfo[]
  strategy: 'jwt' | 'database'
  recent: boolean
  done?: string
  error?: string
  theme: Theme
}) {
  const { authUrl, csrfToken, data } = props
  const csrf = hidden(csrfToken)
  const notice = noticeText(props.done)
  const error = props.error ? (ERRORS[props.error] ?? 'Something went wrong.') : undefined
  const post = (path: string, label: string, fields: Html | string = '') =>
    html`<form action="${authUrl}/account/${path}" method="POST">${csrf}${fields}<button type="submit">${label}</button></form>`
  const accounts = data.accounts.map(
    (a) =>
      html`<li>${a.name ?? a.provider} <small>(${a.providerAccountId})</small>${post('unlink', `Unlink ${a.name ?? a.provider}`, html`<input type="hidden" name="provider" value="${a.provider}"><input type="hidden" name="providerAccountId" value="${a.providerAccountId}">`)}</li>`,
  )
  const linkable = data.linkable.map((p) => post(`link/${encodeURIComponent(p.id)}`, `Link ${p.name}`))
  const sessions = props.sessions.map(
    (s) => html`<li>Expires ${s.expires.toISOString()}${s.current ? ' (this browser)' : post('sessions/revoke', 'Sign out this session', html`<input type="hidden" name="id" value="${s.id}">`)}</li>`,
  )
  return layout({
    title: 'Your account',
    theme: props.theme,
    body: html`<h1>Your account</h1>
${notice ? html`<p role="status">${notice}</p>` : ''}${error ? html`<div class="error" role="alert">${error}</div>` : ''}
<p>${data.user.name ?? ''} ${data.user.email ? html`&lt;${data.user.email}&gt;` : ''}${data.user.email && !data.user.emailVerified ? ' (not verified)' : ''}</p>
${props.recent ? '' : html`<p>Changing your e-mail, unlinking or deleting needs a recent sign-in. <a href="${authUrl}/signin?callbackUrl=${encodeURIComponent(`${authUrl}/account`)}">Sign in again</a>.</p>`}
<h2>Sign-in methods</h2>
<ul>${accounts}${data.password ? html`<li>Password</li>` : ''}${data.passkeys ? html`<li>${data.passkeys} passkey(s)</li>` : ''}</ul>
${linkable}
<hr><h2>E-mail address</h2>
<form action="${authUrl}/account/email" method="POST">${csrf}<label for="email">New e-mail address</label><input id="email" name="email" type="email" required><button type="submit">Send a confirmation link</button></form>
<hr><h2>Sessions</h2>
${props.strategy === 'database' ? html`<ul>${sessions}</ul>` : ''}${post('sessions/revoke-others', 'Sign out other sessions')}
<hr><h2>Delete account</h2>
<p>This removes your account and every way to sign in to it.</p>
${post('delete', 'Delete my account', html`<input type="hidden" name="confirm" value="delete">`)}`,
  })
}

/** The e-mail change link's landing page: the button POSTs the token; opening the link changes nothing. */
export function emailChangeConfirmPage(props: { action: string; csrfToken: string; token: string; email: string; theme: Theme }) {
  return layout({
    title: 'Confirm your new e-mail address',
    theme: props.theme,
    body: html`<h1>Confirm your new e-mail address</h1><p>Use <strong>${props.email}</strong> as the e-mail address of your account?</p><form action="${props.action}" method="POST">${hidden(props.csrfToken)}<input type="hidden" name="token" value="${props.token}"><button type="submit">Use ${props.email}</button></form><p>If you did not ask for this, close this page: nothing changes.</p>`,
  })
}

/** After an account is deleted (browser). */
export function deletedPage(props: { homeUrl: string; theme: Theme }) {
  return layout({
    title: 'Account deleted',
    theme: props.theme,
    body: html`<h1>Account deleted</h1><p>Your account and every way to sign in to it were removed.</p><a class="button" href="${props.homeUrl}">Home</a>`,
  })
}
