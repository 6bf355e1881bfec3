import type { Theme } from '../types.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!)
}

/** Tagged template that escapes every interpolation unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!
  values.forEach((v, i) => {
    const piece = Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.value : escapeHtml(x))).join('') : v instanceof Html ? v.value : v === false || v === undefined || v === null ? '' : escapeHtml(v)
    out += piece + strings[i + 1]!
  })
  return new Html(out)
}

/** The CSRF token and, when there is one, the callback URL as hidden form inputs. */
export function hidden(csrfToken: string, callbackUrl?: string): Html {
  return html`<input type="hidden" name="csrfToken" value="${csrfToken}">${callbackUrl ? html`<input type="hidden" name="callbackUrl" value="${callbackUrl}">` : ''}`
}

/** Only plain colours reach the stylesheet: hex, rgb()/hsl() with numbers, or a CSS colour keyword. */
export function safeColor(value: string | undefined, fallback: string): string {
  if (!value) return fallback
  const v = value.trim()
  if (/^#[0-9a-fA-F]{3,8}$/.test(v) || /^(rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/]+\)$/.test(v) || /^[a-zA-Z]{3,30}$/.test(v)) return v
  return fallback
}

/** A logo may be an https URL, a same-site path or a data: image; anything else is dropped. */
export function safeImage(value: string | undefined): string | undefined {
  if (!value) return undefined
  if (/^https:\/\//i.test(value) || /^\/(?![/\\])/.test(value) || /^data:image\/(png|gif|jpeg|webp|svg\+xml);/i.test(value)) return value
  return undefined
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; frame-ancestors 'none'"

/**
 * A page with a script (passkeys need the browser's WebAuthn API): the script runs under a per-response nonce and
 * may only fetch this origin; everything else keeps the strict policy.
 */
export interface PageScript {
  nonce: string
  source: string
}

export function layout(opts: { title: string; theme: Theme; body: Html; script?: PageScript }): { body: string; headers: Record<string, string> } {
  const { theme } = opts
  const brand = safeColor(theme.brandColor, '#346df1')
  const buttonText = safeColor(theme.buttonText, '#ffffff')
  const scheme = theme.colorScheme === 'dark' ? 'dark' : theme.colorScheme === 'light' ? 'light' : 'light dark'
  const logo = safeImage(theme.logo)
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${scheme}">
<title>${opts.title}</title>
<style>
:root{--brand:${new Html(brand)};--button-text:${new Html(buttonText)};color-scheme:${new Html(scheme)}}
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:Canvas;color:CanvasText;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{width:100%;max-width:24rem;padding:2rem;border:1px solid color-mix(in srgb,CanvasText 15%,transparent);border-radius:.75rem}
h1{font-size:1.25rem;margin:0 0 1rem}.logo{display:block;max-height:3rem;margin:0 auto 1.5rem}
form{margin:0 0 1rem}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;padding:.6rem;border:1px solid color-mix(in srgb,CanvasText 30%,transparent);border-radius:.375rem;font:inherit;background:Field;color:FieldText}
button,.button{display:block;width:100%;margin-top:1rem;padding:.7rem;border:0;border-radius:.375rem;background:var(--brand);color:var(--button-text);font:inherit;font-weight:600;cursor:pointer;text-align:center;text-decoration:none}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid var(--brand);outline-offset:2px}
.error{padding:.75rem;border-radius:.375rem;background:color-mix(in srgb,#d93025 15%,Canvas);margin-bottom:1rem}
hr{border:0;border-top:1px solid color-mix(in srgb,CanvasText 15%,transparent);margin:1.5rem 0}
</style>
</head>
<body><main>${logo ? html`<img class="logo" src="${logo}" alt="">` : ''}${opts.body}</main>${opts.script ? html`<script nonce="${opts.script.nonce}">${new Html(opts.script.source.replace(/<\//g, '<\\/'))}</script>` : ''}</body>
</html>`
  const csp = opts.script ? `${CSP}; script-src 'nonce-${opts.script.nonce}'; connect-src 'self'` : CSP
  return { body: page.value, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } }
}
