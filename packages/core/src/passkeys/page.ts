import type { RequestContext } from '../context.js'
import type { WebAuthnConfig } from './provider.js'
import { html, layout, type Html } from '../pages/html.js'
import { nonce, pageScript } from './page-script.js'

const MESSAGES: Record<string, string> = {
  InvalidRequest: 'That could not be done: a passkey cannot be removed when it is the only way left to sign in.',
  WebAuthnVerificationError: 'The passkey could not be verified.',
  InvalidCheck: 'The passkey request expired. Try again.',
}

/** A passkey as the list shows it: no key material. */
export interface PasskeyInfo {
  /** The credential id (as stored: standard base64). */
  id: string
  deviceType: string
  backedUp: boolean
  transports: string[]
}

/**
 * The built-in passkeys page: the signed-in user's passkeys, a button to add one, a form to remove each (when the
 * adapter can delete one: `canRemove`).
 */
export function passkeysPage(props: { ctx: RequestContext; provider: WebAuthnConfig; passkeys: PasskeyInfo[]; canRemove: boolean; csrfToken: string; error?: string; done?: string }) {
  const { ctx, provider, passkeys, csrfToken } = props
  const here = `${ctx.authUrl}/passkeys`
  const message = props.error ? (MESSAGES[props.error] ?? 'Something went wrong. Try again.') : undefined
  const rows: Html[] = passkeys.map(
    (p, i) => html`<li data-credential-id="${p.id}"><span>Passkey ${i + 1}${p.backedUp ? ' (synced)' : ''}${p.transports.length ? ` · ${p.transports.join(', ')}` : ''}</span>
${props.canRemove ? html`<form action="${here}" method="POST"><input type="hidden" name="csrfToken" value="${csrfToken}"><input type="hidden" name="action" value="delete"><input type="hidden" name="credentialID" value="${p.id}"><button type="submit" class="secondary">Remove</button></form>` : ''}</li>`,
  )
  const script = pageScript({
    optionsUrl: `${ctx.authUrl}/webauthn-options/${provider.id}`,
    callbackUrl: `${ctx.authUrl}/callback/${provider.id}`,
    csrfToken,
    redirect: `${here}?done=added`,
    conditional: false,
    errorUrl: here,
  })
  return layout({
    title: 'Passkeys',
    theme: ctx.options.theme,
    script: { nonce: nonce(), source: script },
    body: html`<h1>Passkeys</h1>${message ? html`<div class="error" role="alert">${message}</div>` : ''}${props.done === 'added' ? html`<p role="status">Passkey added.</p>` : props.done === 'removed' ? html`<p role="status">Passkey removed.</p>` : ''}
<div class="error" id="latch-passkey-status" role="alert" hidden></div>
${passkeys.length ? html`<ul id="passkeys">${rows}</ul>` : html`<p id="passkeys-empty">No passkeys yet.</p>`}
<form><button type="button" data-passkey="register">Add a passkey</button></form>`,
  })
}
