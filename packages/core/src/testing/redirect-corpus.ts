/**
 * The hostile-redirect corpus: callbackUrl / redirectTo values (and request paths) that try to send a
 * browser off the app's origin. Shared by the core's in-process tests and the HTTP suite every framework
 * package runs (redirect-suite.ts). Placeholders: `{origin}` (`http://127.0.0.1:4321`), `{host}`
 * (`127.0.0.1:4321`), `{hostname}` (`127.0.0.1`), `{port}`, `{otherScheme}` (`https` for an http app).
 */

export const EVIL_HOST = 'evil.com'

/** Each class the SECURITY.md regression table names, with its payloads. */
export const HOSTILE_REDIRECT_CLASSES: Record<string, string[]> = {
  'protocol-relative': ['//evil.com', '//evil.com/path', '///evil.com', '////evil.com', '\\/evil.com', '/\\/evil.com', '//evil.com/%2e%2e', '//evil.com\\@{host}'],
  backslashes: ['/\\evil.com', '\\\\evil.com', '\\/\\/evil.com', '/\\\\evil.com', 'http:\\\\evil.com', 'https:/\\evil.com'],
  'same-origin path that is protocol-relative alone': ['/.//evil.com', '/%2e//evil.com', '/./\\evil.com', '{origin}//evil.com', '{origin}/.//evil.com/%2e%2e', '{origin}/%2e%2e//evil.com', '/x/..//evil.com'],
  'encoded slashes and dots': ['/%2F/evil.com', '/%2f%2fevil.com', '%2F%2Fevil.com', '/%5C/evil.com', '/%5c%5cevil.com', '/..%2F..%2Fevil.com', '/%2e%2e/%2e%2e/evil.com', '/%252F%252Fevil.com', '%252F%252Fevil.com', '/%25%32%66/evil.com'],
  'tabs, newlines, control characters': ['/\t/evil.com', '/%09/evil.com', '/\n/evil.com', '/%0a/evil.com', '/\r/evil.com', '/\r\n/evil.com', '/%0d%0a/evil.com', '\t//evil.com', '/\u0000/evil.com', '//evil.com%00.{hostname}'],
  '@ and its fullwidth/small forms': ['/@evil.com', '//@evil.com', '@evil.com', '＠evil.com', '//{hostname}＠evil.com', '{origin}＠evil.com', '//{host}﹫evil.com', 'http://{host}﹫evil.com/'],
  userinfo: ['https://app.example.com@evil.com', '//app@evil.com', '{origin}@evil.com', 'http://{host}@evil.com/', 'http://user:pass@evil.com/', '//{hostname}:{port}@evil.com'],
  'script and data schemes': ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\u0001javascript:alert(1)', 'java\tscript:alert(1)', 'javascript://%0aalert(1)', 'javascript:{origin}', 'data:text/html,<script>alert(1)</script>', 'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'vbscript:msgbox(1)', 'VbScRiPt:msgbox(1)', '\u0000vbscript:msgbox(1)'],
  'suffix-domain tricks': ['http://{hostname}.evil.com/', 'http://{host}.evil.com/', 'http://{hostname}evil.com/', 'http://{hostname}:{port}.evil.com/', 'https://evil.com/{origin}', 'https://evil.com?{origin}', 'https://evil.com#{origin}'],
  'other ports and schemes on the app host': ['http://{hostname}:1/', '{otherScheme}://{host}/', 'ftp://{host}/', 'ws://{host}/', 'file://{host}/etc/passwd', 'blob:{origin}/x'],
  'unicode dots and lookalikes': ['http://evil。com/', '//evil。com', '//evil｡com', '//evil．com', 'http://{hostname}。evil。com/', '／／evil.com', '/／evil.com'],
  'leading whitespace': [' //evil.com', '   /\\evil.com', '\u00a0//evil.com', '\u3000//evil.com', '\f//evil.com', '\v//evil.com'],
}

/** Every payload, once. */
export const HOSTILE_REDIRECTS: string[] = [...new Set(Object.values(HOSTILE_REDIRECT_CLASSES).flat())]

/**
 * Request paths for a protected page: the callbackUrl built from them must stay on the app. Sent as the raw
 * request target where the client allows; `fetch` normalises dot segments, which still leaves `//` paths.
 */
export const HOSTILE_PATHS = ['//evil.com/%2e%2e', '//evil.com/', '//evil.com{protected}', '/\\evil.com{protected}', '{protected}//evil.com', '{protected}/..//evil.com', '{protected}?next=//evil.com', '{protected}/%2F%2Fevil.com', '/%2F%2Fevil.com{protected}', '{protected}?callbackUrl=//evil.com']

/** A corpus entry with its placeholders filled for the app at `origin`. */
export function fillPlaceholders(payload: string, origin: string, protectedPage = '/'): string {
  const u = new URL(origin)
  return payload
    .replaceAll('{origin}', u.origin)
    .replaceAll('{host}', u.host)
    .replaceAll('{hostname}', u.hostname)
    .replaceAll('{port}', u.port || (u.protocol === 'https:' ? '443' : '80'))
    .replaceAll('{otherScheme}', u.protocol === 'https:' ? 'http' : 'https')
    .replaceAll('{protected}', protectedPage)
}

/**
 * Where a value a browser would follow leads: the origin it resolves to against the app's URL, or null when
 * it does not parse (a browser goes nowhere). Script schemes resolve to the opaque origin "null".
 */
export function landsOn(value: string, appOrigin: string): string | null {
  try {
    const u = new URL(value, appOrigin)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : `${u.protocol}opaque`
  } catch {
    return null
  }
}
