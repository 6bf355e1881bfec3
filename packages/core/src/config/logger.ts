import type { LoggerInstance } from '../types.js'
import { AuthError } from '../errors.js'

const SECRETISH = /(secret|token|password|code_verifier|assertion|authorization|cookie)/i

/** Replace secret-looking values in debug metadata so they never reach a log line. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRETISH.test(k) ? '[redacted]' : redact(v, depth + 1)
  }
  return out
}

/** The default logger: console, error level for errors, prefixed with the stable code. */
export function createLogger(user: Partial<LoggerInstance> | undefined, debug: boolean): LoggerInstance {
  return {
    error(error) {
      if (user?.error) return user.error(error)
      const code = error instanceof AuthError ? error.code : error.name
      const cause = (error as { cause?: unknown }).cause
      const causeText = cause instanceof Error ? `\n  caused by ${cause.name}: ${cause.message}` : ''
      console.error(`[latch][error] ${code}: ${error.message}${causeText}`)
    },
    warn(code, message) {
      if (user?.warn) return user.warn(code, message)
      console.warn(`[latch][warn] ${code}${message ? `: ${message}` : ''}`)
    },
    debug(message, metadata) {
      if (!debug) return
      const safe = redact(metadata)
      if (user?.debug) return user.debug(message, safe)
      console.debug(`[latch][debug] ${message}`, safe ?? '')
    },
  }
}
