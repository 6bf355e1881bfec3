/**
 * The script of the built-in passkey pages (sign-in with autofill, the passkeys page): plain WebAuthn calls, no
 * library, speaking the same wire format as next-auth/webauthn. It runs under the page's CSP nonce.
 */
export interface PageScriptConfig {
  /** {authUrl}/webauthn-options/<provider> */
  optionsUrl: string
  /** {authUrl}/callback/<provider> */
  callbackUrl: string
  csrfToken: string
  /** Where to go after success. */
  redirect: string
  /** Start a conditional (autofill) request on load. */
  conditional: boolean
  /** Where to show errors. */
  errorUrl: string
  /** The page of a mailed sign-up link: the options come from POSTing this link's token there (passkey-sign-up). */
  signUpLink?: { url: string; token: string; email: string }
}

const SOURCE = String.raw`
const enc = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const dec = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const creation = (o) => ({ ...o, challenge: dec(o.challenge), user: { ...o.user, id: dec(o.user.id) }, excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: dec(c.id) })) });
const request = (o) => ({ ...o, challenge: dec(o.challenge), allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: dec(c.id) })) });
function toJSON(cred) {
  if (typeof cred.toJSON === 'function') return cred.toJSON();
  const r = cred.response, out = { id: cred.id, rawId: enc(cred.rawId), type: cred.type, clientExtensionResults: cred.getClientExtensionResults(), authenticatorAttachment: cred.authenticatorAttachment || undefined, response: { clientDataJSON: enc(r.clientDataJSON) } };
  if (r.attestationObject) { out.response.attestationObject = enc(r.attestationObject); out.response.transports = r.getTransports ? r.getTransports() : []; }
  else { out.response.authenticatorData = enc(r.authenticatorData); out.response.signature = enc(r.signature); out.response.userHandle = r.userHandle ? enc(r.userHandle) : undefined; }
  return out;
}
const MESSAGES = { WebAuthnVerificationError: 'The passkey could not be verified. Try again, or use another sign-in method.', InvalidCheck: 'The passkey request expired. Try again.', AccessDenied: 'You do not have permission to sign in.', OAuthAccountNotLinked: 'This email is already used with another sign-in method. Sign in the way you did before.' };
const say = (text) => { const el = document.getElementById('latch-passkey-status'); if (el) { el.textContent = text; el.hidden = !text; } };
async function options(params) {
  const link = cfg.signUpLink;
  const res = link
    ? await fetch(link.url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' }, body: new URLSearchParams({ csrfToken: cfg.csrfToken, token: link.token, email: link.email }) })
    : await fetch(cfg.optionsUrl + '?' + new URLSearchParams(params), { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  // A refused sign-up link answers with the error page to go to.
  if (link && body.url && !body.options) { location.href = body.url; return {}; }
  if (!res.ok) throw new Error(body.message || 'The passkey request was refused');
  return body;
}
async function finish(action, cred) {
  const res = await fetch(cfg.callbackUrl, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' }, body: new URLSearchParams({ csrfToken: cfg.csrfToken, callbackUrl: cfg.redirect, action, data: JSON.stringify(toJSON(cred)) }) });
  const body = await res.json().catch(() => ({}));
  if (!body.url) throw new Error(body.message || 'The passkey could not be verified');
  // A refusal comes back as the sign-in page with ?error=: say it here rather than reload (and re-ask) the page.
  const code = new URL(body.url, location.href).searchParams.get('error');
  if (code) throw new Error(MESSAGES[code] || 'Signing in with the passkey failed. Try again.');
  location.href = body.url;
}
let pending;
let inflight = Promise.resolve();
async function run(params, mediation) {
  if (pending) pending.abort();
  const abort = (pending = new AbortController());
  // One options request at a time: a late answer to an earlier one (the autofill request's) would replace this
  // request's challenge cookie.
  const previous = inflight;
  const asked = (inflight = previous.catch(() => {}).then(() => options(params)));
  const answer = await asked;
  // Sign-up by mail (signUp: 'verify-email'): nothing to create yet, the link in the mail continues.
  if (answer.verificationSent) { if (answer.url) location.href = answer.url; else say('Check your email for a link to continue.'); return; }
  const { action, options: o } = answer;
  if (!o || abort.signal.aborted) return;
  const cred = action === 'register'
    ? await navigator.credentials.create({ publicKey: creation(o), signal: abort.signal })
    : await navigator.credentials.get({ publicKey: request(o), signal: abort.signal, ...(mediation ? { mediation } : {}) });
  if (cred) await finish(action, cred);
}
const report = (e) => { if (e && e.name === 'AbortError') return; say(e && e.message ? e.message : String(e)); };
for (const button of document.querySelectorAll('[data-passkey]')) {
  button.addEventListener('click', (event) => {
    event.preventDefault();
    say('');
    const action = button.getAttribute('data-passkey');
    const form = button.closest('form');
    const email = form && form.elements.namedItem('email') ? form.elements.namedItem('email').value : '';
    run(email ? { action, email } : { action }).catch(report);
  });
}
for (const form of document.querySelectorAll('form')) {
  const first = form.querySelector('[data-passkey]');
  if (first) form.addEventListener('submit', (event) => { event.preventDefault(); first.click(); });
}
if (cfg.conditional && window.PublicKeyCredential && PublicKeyCredential.isConditionalMediationAvailable) {
  PublicKeyCredential.isConditionalMediationAvailable().then((ok) => { if (ok) return run({ action: 'authenticate' }, 'conditional'); }).catch(report);
}
`

export function pageScript(cfg: PageScriptConfig): string {
  return `(() => {\nconst cfg = ${JSON.stringify(cfg).replace(/</g, '\\u003c')};\n${SOURCE}\n})();`
}

export function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
}
