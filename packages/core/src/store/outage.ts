import { AdapterError, StoreUnavailable } from '../errors.js'

/**
 * Whether an error thrown by a store client (pg, postgres.js, ioredis, node-redis, Prisma, fetch) means the store
 * is down, restarting or too slow, rather than a fault of the query or the data. Such failures are answered with
 * 503 + Retry-After ("try again shortly"); anything else stays a server error (500). Either way nothing is granted.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTCONN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  // PostgreSQL SQLSTATEs: admin/crash shutdown, cannot connect now, too many connections, statement timeout.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  // Prisma: can't reach server, timed out, pool timeout, closed connection.
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
])

const OUTAGE_NAMES = new Set(['StoreUnavailable', 'MaxRetriesPerRequestError', 'ConnectionTimeoutError', 'TimeoutError', 'AbortError'])

const OUTAGE_MESSAGE =
  /connection (?:terminated|refused|closed|reset|timeout|is closed)|timeout exceeded when trying to connect|query read timeout|command timed out|enableOfflineQueue|stream isn't writeable|the client is closed|socket closed|server closed the connection|connect ECONNREFUSED|cannot connect now|the database system is (?:starting up|shutting down|in recovery mode)/i

export function isStoreOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || /^08/.test(e.code) && e.code.length === 5)) return true
  if (typeof e.name === 'string' && OUTAGE_NAMES.has(e.name)) return true
  if (typeof e.message === 'string' && OUTAGE_MESSAGE.test(e.message)) return true
  // AggregateError (Node's happy-eyeballs connect) and wrapped causes.
  if (Array.isArray(e.errors) && e.errors.some((x) => isStoreOutage(x, depth + 1))) return true
  return isStoreOutage(e.cause, depth + 1)
}

/** The error to throw for a failed store call: StoreUnavailable for an outage, else AdapterError. */
export function storeError(message: string, cause: unknown): AdapterError | StoreUnavailable {
  if (cause instanceof StoreUnavailable) return cause
  return isStoreOutage(cause) ? new StoreUnavailable(message, { cause }) : new AdapterError(message, { cause })
}

/** Seconds a client is told to wait before retrying after a store outage. */
export const STORE_RETRY_AFTER_SECONDS = 5
