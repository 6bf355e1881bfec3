'use client'
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Session } from '@latch/core'
import { apiUrl, broadcast, getSession, navigate, state, syncChannel, updateSession, type SyncMessage } from './client.js'

export type SessionStatus = 'loading' | 'authenticated' | 'unauthenticated'

export interface SessionContextValue {
  data: Session | null
  status: SessionStatus
  /** No argument: refetch. With data: POST it to the session route (jwt/session callbacks get trigger "update"). */
  update: (data?: unknown) => Promise<Session | null>
}

export const SessionContext = createContext<SessionContextValue | undefined>(undefined)

export interface SessionProviderProps {
  children?: ReactNode
  /** The session from the server (`await auth()` in a layout): no fetch on mount. `null` = signed out. */
  session?: Session | null
  /** Where the auth routes are. Default `/api/auth`. */
  basePath?: string
  /** Seconds between background refetches; 0 (default) turns polling off. */
  refetchInterval?: number
  /** Refetch when the tab becomes visible again. Default true. */
  refetchOnWindowFocus?: boolean
  /** Poll even when the browser is offline. Default false. */
  refetchWhenOffline?: boolean
}

/** Who the session is for: changes when someone signs in or out, not when it is merely refreshed. */
function sessionKey(session: Session | null | undefined): string | undefined {
  if (session === undefined) return undefined
  const u = session?.user
  return session ? `in:${u?.id ?? ''}:${u?.email ?? ''}:${u?.name ?? ''}` : 'out'
}

export function SessionProvider(props: SessionProviderProps) {
  const { children, basePath, refetchInterval = 0, refetchOnWindowFocus = true, refetchWhenOffline = false } = props
  if (basePath) state.basePath = basePath
  const hasInitial = props.session !== undefined
  const [session, setSession] = useState<Session | null>(() => props.session ?? null)
  const [loading, setLoading] = useState(!hasInitial)
  const seq = useRef(0)

  // A new session from the server (router.refresh(), a server action that signed in or out) wins; when it
  // signs someone in or out, the other tabs hear about it too.
  const lastKey = useRef(sessionKey(props.session))
  useEffect(() => {
    if (props.session === undefined) return
    setSession(props.session)
    setLoading(false)
    const key = sessionKey(props.session)
    if (key !== lastKey.current) {
      if (lastKey.current !== undefined) broadcast('update')
      lastKey.current = key
    }
  }, [props.session])

  const refresh = useCallback(async (event: Parameters<NonNullable<typeof state.refresh>>[0]) => {
    const mine = ++seq.current
    const next = await getSession({ broadcast: event === 'initial' })
    if (mine !== seq.current) return next // a newer fetch has started: let it win
    setSession(next)
    setLoading(false)
    return next
  }, [])

  useEffect(() => {
    if (basePath) state.basePath = basePath
    state.refresh = refresh
    if (!hasInitial) void refresh('initial')
    const ch = syncChannel()
    const onMessage = (e: MessageEvent<SyncMessage>) => {
      if (e.data?.event === 'session') void refresh('storage')
    }
    ch?.addEventListener('message', onMessage)
    return () => {
      ch?.removeEventListener('message', onMessage)
      if (state.refresh === refresh) state.refresh = undefined
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refresh, basePath])

  useEffect(() => {
    if (!refetchOnWindowFocus) return
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh('visibilitychange')
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [refetchOnWindowFocus, refresh])

  useEffect(() => {
    if (!refetchInterval || refetchInterval <= 0) return
    const timer = setInterval(() => {
      if (refetchWhenOffline || typeof navigator === 'undefined' || navigator.onLine !== false) void refresh('poll')
    }, refetchInterval * 1000)
    return () => clearInterval(timer)
  }, [refetchInterval, refetchWhenOffline, refresh])

  const update = useCallback(
    async (data?: unknown) => {
      if (data === undefined) {
        const next = await refresh('update')
        broadcast('update')
        return next
      }
      setLoading(true)
      const next = await updateSession(data)
      seq.current++
      setSession(next)
      setLoading(false)
      broadcast('update')
      return next
    },
    [refresh],
  )

  const value = useMemo<SessionContextValue>(
    () => ({ data: session, status: loading ? 'loading' : session ? 'authenticated' : 'unauthenticated', update }),
    [session, loading, update],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export interface UseSessionOptions {
  /** The page needs a session: when there is none, call `onUnauthenticated` or go to the sign-in page. */
  required?: boolean
  onUnauthenticated?: () => void
}

/** `{ data, status, update }` of the nearest SessionProvider. */
export function useSession(options: UseSessionOptions = {}): SessionContextValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('@latch/next/react: useSession must be used inside <SessionProvider>')
  const { required, onUnauthenticated } = options
  const mustLeave = !!required && value.status === 'unauthenticated'
  useEffect(() => {
    if (!mustLeave) return
    if (onUnauthenticated) onUnauthenticated()
    else {
      const params = new URLSearchParams({ error: 'SessionRequired', callbackUrl: window.location.href })
      navigate(`${apiUrl('/signin')}?${params}`)
    }
  }, [mustLeave, onUnauthenticated])
  // While leaving, never render the protected content as if it were allowed.
  return mustLeave ? { data: null, status: 'loading', update: value.update } : value
}
