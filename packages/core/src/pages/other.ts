import type { Theme } from '../types.js'
import { hidden, html, layout } from './html.js'
import { errorMessage } from './messages.js'

export function signoutPage(props: { authUrl: string; csrfToken: string; callbackUrl?: string; theme: Theme }) {
  return layout({
    title: 'Sign out',
    theme: props.theme,
    body: html`<h1>Sign out</h1><p>Are you sure you want to sign out?</p><form action="${props.authUrl}/signout" method="POST">${hidden(props.csrfToken, props.callbackUrl)}<button type="submit">Sign out</button></form>`,
  })
}

export function errorPage(props: { code?: string; homeUrl: string; signinUrl: string; theme: Theme }) {
  const { title, message } = errorMessage(props.code)
  const retry = props.code === 'Verification' || props.code === 'AccessDenied'
  return layout({
    title,
    theme: props.theme,
    body: html`<h1>${title}</h1><p role="alert">${message}</p>${retry ? html`<a class="button" href="${props.signinUrl}">Sign in</a>` : html`<a class="button" href="${props.homeUrl}">Home</a>`}`,
  })
}

export function verifyRequestPage(props: { homeUrl: string; theme: Theme }) {
  return layout({
    title: 'Check your email',
    theme: props.theme,
    body: html`<h1>Check your email</h1><p>A sign-in link has been sent to your email address.</p><a class="button" href="${props.homeUrl}">Home</a>`,
  })
}

/**
 * The magic link's landing page. Opening the link (a GET: a mail scanner, a link preview, or a victim's browser
 * sent there by an attacker) signs nobody in and consumes nothing; the button POSTs the token with the CSRF
 * double-submit token to complete the sign-in. No script: the strict CSP stays.
 */
export function emailConfirmPage(props: { action: string; csrfToken: string; token: string; email: string; callbackUrl?: string; theme: Theme }) {
  return layout({
    title: 'Sign in',
    theme: props.theme,
    body: html`<h1>Sign in</h1><p>Sign in as <strong>${props.email}</strong>?</p><form action="${props.action}" method="POST">${hidden(props.csrfToken, props.callbackUrl)}<input type="hidden" name="token" value="${props.token}"><input type="hidden" name="email" value="${props.email}"><button type="submit">Sign in as ${props.email}</button></form><p>If you did not ask to sign in, close this page.</p>`,
  })
}
