import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import { InvalidRequest } from '../errors.js'
import { readLimited } from './read-limited.js'

/** Auth bodies are small forms; anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024
const MAX_FIELDS = 100

async function readText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_BODY_BYTES) throw new InvalidRequest('Request body too large')
  if (!request.body) return ''
  const all = await readLimited(request.body, MAX_BODY_BYTES)
  if (!all) throw new InvalidRequest('Request body too large')
  return new TextDecoder().decode(all)
}

/**
 * Parse a POST body as form-urlencoded or JSON into a flat record. Keys repeated or nested stay as
 * given (arrays, objects) so that callers can refuse non-string values explicitly.
 */
export async function parseBody(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  let text: string
  try {
    text = await readText(request)
  } catch (e) {
    if (e instanceof InvalidRequest) throw e
    throw new InvalidRequest('Could not read the request body', { cause: e })
  }
  if (!text) return {}
  if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new InvalidRequest('Request body is not valid JSON')
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidRequest('JSON body must be an object')
    return parsed as Record<string, unknown>
  }
  if (type === 'application/x-www-form-urlencoded' || type === '' || type === 'text/plain') {
    const out: Record<string, unknown> = Object.create(null)
    let n = 0
    for (const [k, v] of new URLSearchParams(text)) {
      if (++n > MAX_FIELDS) throw new InvalidRequest('Too many form fields')
      const prev = out[k]
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    return out
  }
  if (type === 'multipart/form-data') {
    let form: FormData
    try {
      form = await new Response(text, { headers: { 'content-type': request.headers.get('content-type')! } }).formData()
    } catch {
      throw new InvalidRequest('Malformed multipart body')
    }
    // Like the form-urlencoded case: a repeated field becomes an array and a file stays a File, so callers that
    // need one string (credentials) refuse them rather than silently taking one of the values.
    const out: Record<string, unknown> = Object.create(null)
    let n = 0
    for (const [k, v] of form) {
      if (++n > MAX_FIELDS) throw new InvalidRequest('Too many form fields')
      const prev = out[k]
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    return out
  }
  throw new InvalidRequest(`Unsupported content-type "${type}": send application/x-www-form-urlencoded or application/json`)
}

/** A body or query field as a string; arrays/objects count as absent. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
