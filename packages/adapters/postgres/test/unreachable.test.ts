import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { assertReachable } from './pg.js'

describe('an unreachable PostgreSQL', () => {
  it('fails loudly with the command that starts it', async () => {
    const dead = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 500 })
    await expect(assertReachable(dead)).rejects.toThrow(/not reachable.*pg_ctlcluster --skip-systemctl-redirect/)
    await dead.end()
  })
})
