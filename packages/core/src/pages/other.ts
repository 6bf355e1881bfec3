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
