import type { WebAuthnConfig } from './provider.js'
import { html, type Html, type PageScript } from '../pages/html.js'
import { nonce, pageScript } from './page-script.js'

/**
 * The passkey part of the built-in sign-in page: an e-mail field the browser may fill with a passkey (conditional
 * UI, `autocomplete="username webauthn"`), a sign-in button, and a sign-up button when the provider allows it.
 */
export function passkeyForm(p: WebAuthnConfig): Html {
  const id = `input-${p.id}-email`
  const label = p.formFields?.email?.label ?? 'Email'
  return html`<form data-provider="${p.id}"><label for="${id}">${label}</label><input id="${id}" name="email" type="email" autocomplete="username webauthn" placeholder="email@example.com"><button type="button" data-passkey="authenticate">Sign in with ${p.name}</button>${
    p.allowSignUp === false || p.signUp === false ? '' : html`<button type="button" data-passkey="register">Create an account with a ${p.name.toLowerCase()}</button>`
  }</form><div class="error" id="latch-passkey-status" role="alert" hidden></div>`
}

/** The sign-in page's script when it offers a passkey provider. */
export function passkeySigninScript(p: WebAuthnConfig, props: { authUrl: string; csrfToken: string; callbackUrl?: string }): PageScript {
  return {
    nonce: nonce(),
    source: pageScript({
      optionsUrl: `${props.authUrl}/webauthn-options/${p.id}`,
      callbackUrl: `${props.authUrl}/callback/${p.id}`,
      csrfToken: props.csrfToken,
      redirect: props.callbackUrl ?? `${new URL(props.authUrl).origin}/`,
      conditional: p.enableConditionalUI !== false,
      errorUrl: `${props.authUrl}/signin`,
    }),
  }
}
