/**
 * Following a magic link the way a browser does: GET the link (the confirmation page, which consumes
 * nothing), then submit its form. Edge-safe helpers for the shared suites and package tests.
 */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' }
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#96);/g, (e) => ENTITIES[e]!)

/** The confirmation page's form: where it posts and its hidden fields (csrfToken, token, email, callbackUrl). */
export function confirmationForm(html: string): { action: string; fields: Record<string, string> } | null {
  const form = /<form action="([^"]*)" method="POST">([\s\S]*?)<\/form>/.exec(html)
  if (!form) return null
  const fields: Record<string, string> = {}
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = unescape(m[2]!)
  if (!fields.token || !fields.csrfToken) return null
  return { action: unescape(form[1]!), fields }
}
