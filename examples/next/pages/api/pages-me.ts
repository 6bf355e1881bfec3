// Pages router API route: auth(req, res) (a re-issued session cookie goes on res).
import type { NextApiRequest, NextApiResponse } from 'next'
import { auth } from '../../auth'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await auth(req, res)
  if (!session) return res.status(401).json({ error: 'Unauthorized' })
  res.json({ user: session.user })
}
