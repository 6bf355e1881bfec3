// An API route reading the JWT itself with getToken (AUTH_SECRET from the environment).
import type { NextRequest } from 'next/server'
import { getToken } from '@latch/next/jwt'

export async function GET(req: NextRequest) {
  const token = await getToken({ req })
  if (!token) return Response.json({ error: 'Unauthorized' }, { status: 401 })
  return Response.json({ sub: token.sub, name: token.name, email: token.email })
}
