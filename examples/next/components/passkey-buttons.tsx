'use client'
import { useEffect, useState } from 'react'
import { signIn, cancelPasskeyRequest } from '@latch/next/webauthn'

export function PasskeyButtons({ signedIn }: { signedIn: boolean }) {
  const [email, setEmail] = useState('')
  const [message, setMessage] = useState('')
  // Conditional UI: offer passkeys in the email field's autofill while signed out.
  useEffect(() => {
    if (signedIn) return
    void signIn('passkey', { autofill: true, redirectTo: '/passkeys' })
    return () => cancelPasskeyRequest()
  }, [signedIn])
  const run = async (options: Parameters<typeof signIn>[1]) => {
    setMessage('')
    cancelPasskeyRequest()
    const result = await signIn('passkey', { ...options, redirectTo: '/passkeys' })
    if (result && !result.ok) setMessage(result.error ?? 'Something went wrong')
  }
  if (signedIn) {
    return (
      <div className="stack">
        <button data-testid="add-passkey" onClick={() => void run({ action: 'register' })}>
          Add a passkey
        </button>
        {message ? <p role="alert" data-testid="passkey-error">{message}</p> : null}
      </div>
    )
  }
  return (
    <div className="stack">
      <label htmlFor="passkey-email">Email</label>
      <input id="passkey-email" name="email" type="email" autoComplete="username webauthn" value={email} onChange={(e) => setEmail(e.target.value)} />
      <button data-testid="passkey-sign-up" onClick={() => void run({ action: 'register', email })}>
        Create an account with a passkey
      </button>
      <button data-testid="passkey-sign-in" onClick={() => void run({ action: 'authenticate' })}>
        Sign in with a passkey
      </button>
      {message ? <p role="alert" data-testid="passkey-error">{message}</p> : null}
    </div>
  )
}
