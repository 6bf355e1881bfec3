import type { Theme } from '../types.js'
import { hidden, html, layout, type Html } from '../pages/html.js'

/**
 * The built-in password pages: escaped templates under the strict CSP, no scripts. Every form POSTs with the CSRF
 * token; a link from a mail opens a page that changes nothing until its form is submitted.
 */
interface Base {
  authUrl: string
  providerId: string
  csrfToken: string
  callbackUrl?: string
  error?: string
  theme: Theme
}

const alert = (error?: string) => (error ? html`<div class="error" role="alert">${error}</div>` : '')
const links = (items: Array<[string, string]>) => html`<p>${items.map(([href, text], i) => html`${i ? ' · ' : ''}<a href="${href}">${text}</a>`)}</p>`

function newPassword(id: string, minLength: number, maxLength: number, label = 'Password'): Html {
  return html`<label for="${id}">${label}</label><input id="${id}" name="password" type="password" autocomplete="new-password" required minlength="${minLength}" maxlength="${maxLength}">`
}

/** The password provider's form on the built-in sign-in page. */
export function passwordSigninForm(p: Base & { name: string }): Html {
  const id = `input-${p.providerId}`
  return html`<form action="${p.authUrl}/callback/${p.providerId}" method="POST">${hidden(p.csrfToken, p.callbackUrl)}<label for="${id}-email">Email</label><input id="${id}-email" name="email" type="email" autocomplete="username" required><label for="${id}-password">Password</label><input id="${id}-password" name="password" type="password" autocomplete="current-password" required><button type="submit">Sign in with ${p.name}</button></form>${links([
    [`${p.authUrl}/signup/${p.providerId}`, 'Create an account'],
    [`${p.authUrl}/password/forgot`, 'Forgot your password?'],
  ])}`
}

export function signupPage(p: Base & { minLength: number; maxLength: number }) {
  return layout({
    title: 'Create an account',
    theme: p.theme,
    body: html`<h1>Create an account</h1>${alert(p.error)}<form action="${p.authUrl}/signup/${p.providerId}" method="POST">${hidden(p.csrfToken, p.callbackUrl)}<label for="signup-email">Email</label><input id="signup-email" name="email" type="email" autocomplete="email" required>${newPassword('signup-password', p.minLength, p.maxLength)}<button type="submit">Create account</button></form>${links([[`${p.authUrl}/signin`, 'Already have an account? Sign in']])}`,
  })
}

export function forgotPage(p: Base) {
  return layout({
    title: 'Forgot your password?',
    theme: p.theme,
    body: html`<h1>Forgot your password?</h1>${alert(p.error)}<p>Enter your email address and we will send you a link to choose a new password.</p><form action="${p.authUrl}/password/forgot" method="POST">${hidden(p.csrfToken, p.callbackUrl)}<label for="forgot-email">Email</label><input id="forgot-email" name="email" type="email" autocomplete="email" required><button type="submit">Send reset link</button></form>${links([[`${p.authUrl}/signin`, 'Back to sign in']])}`,
  })
}

export function resetPage(p: Base & { token: string; email: string; minLength: number; maxLength: number }) {
  return layout({
    title: 'Choose a new password',
    theme: p.theme,
    body: html`<h1>Choose a new password</h1>${alert(p.error)}<p>For <strong>${p.email}</strong>.</p><form action="${p.authUrl}/password/reset" method="POST">${hidden(p.csrfToken, p.callbackUrl)}<input type="hidden" name="token" value="${p.token}"><input type="hidden" name="email" value="${p.email}"><input type="text" name="username" value="${p.email}" autocomplete="username" hidden>${newPassword('reset-password', p.minLength, p.maxLength, 'New password')}<button type="submit">Set password</button></form>`,
  })
}

export function changePage(p: Base & { hasPassword: boolean; minLength: number; maxLength: number }) {
  return layout({
    title: p.hasPassword ? 'Change your password' : 'Set a password',
    theme: p.theme,
    body: html`<h1>${p.hasPassword ? 'Change your password' : 'Set a password'}</h1>${alert(p.error)}<form action="${p.authUrl}/password/change" method="POST">${hidden(p.csrfToken, p.callbackUrl)}${p.hasPassword ? html`<label for="change-current">Current password</label><input id="change-current" name="currentPassword" type="password" autocomplete="current-password" required>` : ''}${newPassword('change-password', p.minLength, p.maxLength, 'New password')}<button type="submit">Save password</button></form>`,
  })
}

/** The verification link's landing page: confirming is a POST (mail scanners open links; they do not submit forms). */
export function verifyConfirmPage(p: Base & { token: string; email: string }) {
  return layout({
    title: 'Verify your email address',
    theme: p.theme,
    body: html`<h1>Verify your email address</h1><p>Confirm <strong>${p.email}</strong> as the address of your account?</p><form action="${p.authUrl}/verify-email" method="POST">${hidden(p.csrfToken, p.callbackUrl)}<input type="hidden" name="token" value="${p.token}"><input type="hidden" name="email" value="${p.email}"><button type="submit">Verify ${p.email}</button></form><p>If you did not create an account, close this page.</p>`,
  })
}

/** A message with one button onwards (check your email, address verified, password changed). */
export function noticePage(p: { title: string; message: string; href: string; button: string; theme: Theme }) {
  return layout({ title: p.title, theme: p.theme, body: html`<h1>${p.title}</h1><p role="status">${p.message}</p><a class="button" href="${p.href}">${p.button}</a>` })
}
