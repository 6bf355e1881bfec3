// The page each client runs in: `client-under-test` is aliased to one of next-auth-v4/react, next-auth-b30/react,
// next-auth-b32/react or @latch/next/react when the page is bundled (test/harness.ts). It exposes the module's
// functions and the live useSession() value on window for the test to call, as an app's components would.
/* global AUTH_BASE_PATH */
import * as client from 'client-under-test'
import { createElement, useEffect } from 'react'
import { createRoot } from 'react-dom/client'

function Probe() {
  const value = client.useSession()
  useEffect(() => {
    window.sessionValue = value
  })
  return createElement('output', { id: 'status', 'data-status': value.status }, value.status)
}

window.client = client
createRoot(document.getElementById('root')).render(
  // AUTH_BASE_PATH is defined at bundle time: the server's auth routes.
  createElement(client.SessionProvider, { basePath: AUTH_BASE_PATH }, createElement(Probe)),
)
