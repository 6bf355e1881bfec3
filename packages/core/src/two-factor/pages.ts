import type { Theme } from '../types.js'
import { Html, html, layout } from '../pages/html.js'

/**
 * The built-in two-factor pages: plain forms, every value escaped, no script (the layout's CSP allows none). The QR
 * code is inline SVG made by uqr from the otpauth URI (modules only, no text from the user).
 */
type Page = { body: string; headers: Record<string, string> }

const codeField = (autofocus = true) =>
  html`<label for="code">Code</label><input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="64"${new Html(autofocus ? ' autofocus' : '')}>`

const alert = (error?: string) => (error ? html`<p class="error" role="alert">${error}</p>` : '')

export function promptPage(p: { action: string; csrfToken: string; error?: string; theme: Theme }): Page {
  return layout({
    title: 'Two-factor authentication',
    theme: p.theme,
    body: html`<h1>Two-factor authentication</h1>${alert(p.error)}
<p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
<form method="post" action="${p.action}"><input type="hidden" name="csrfToken" value="${p.csrfToken}">${codeField()}<button type="submit">Verify</button></form>`,
  })
}

export function enrollPage(p: { action: string; csrfToken: string; secret: string; uri: string; svg: string; intent?: string; error?: string; theme: Theme }): Page {
  return layout({
    title: 'Set up two-factor authentication',
    theme: p.theme,
    body: html`<h1>Set up two-factor authentication</h1>${alert(p.error)}
<p>Scan this code with your authenticator app, then enter the 6-digit code it shows.</p>
<figure style="margin:0 auto 1rem;max-width:14rem" aria-label="QR code">${new Html(p.svg)}</figure>
<details><summary>Can't scan it?</summary><p>Enter this key: <code data-testid="totp-secret">${p.secret}</code></p></details>
<form method="post" action="${p.action}"><input type="hidden" name="csrfToken" value="${p.csrfToken}">${p.intent ? html`<input type="hidden" name="intent" value="${p.intent}">` : ''}${codeField()}<button type="submit">Turn on</button></form>`,
  })
}

export function recoveryCodesPage(p: { codes: string[]; continueUrl: string; theme: Theme }): Page {
  return layout({
    title: 'Recovery codes',
    theme: p.theme,
    body: html`<h1>Save your recovery codes</h1>
<p>Each code signs you in once if you lose your authenticator. They are shown only now.</p>
<ul data-testid="recovery-codes" style="font-family:monospace;columns:2">${p.codes.map((c) => html`<li>${c}</li>`)}</ul>
<a class="button" href="${p.continueUrl}">Continue</a>`,
  })
}

export function setupPage(p: { action: string; csrfToken: string; enabled: boolean; remaining: number; message?: string; error?: string; theme: Theme }): Page {
  const hidden = (intent: string) => html`<input type="hidden" name="csrfToken" value="${p.csrfToken}"><input type="hidden" name="intent" value="${intent}">`
  const body = p.enabled
    ? html`<p>Two-factor authentication is <strong>on</strong>. ${p.remaining} recovery code(s) left.</p>
<form method="post" action="${p.action}">${hidden('recovery-codes')}${codeField(false)}<button type="submit">New recovery codes</button></form><hr>
<form method="post" action="${p.action}">${hidden('disable')}<label for="disable-code">Code</label><input id="disable-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="64"><button type="submit">Turn off</button></form>`
    : html`<p>Two-factor authentication is <strong>off</strong>.</p><form method="post" action="${p.action}">${hidden('enroll')}<button type="submit">Set up</button></form>`
  return layout({
    title: 'Two-factor authentication',
    theme: p.theme,
    body: html`<h1>Two-factor authentication</h1>${alert(p.error)}${p.message ? html`<p role="status">${p.message}</p>` : ''}${body}`,
  })
}
