import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { canonicalJson, sha256Hex } from '~/domain/draw'
import { getEnv } from '~/lib/env.server'
import { cookieSecrets } from '~/lib/secrets.server'

// Sealed quotes (密封报价), docs/decisions/003-sealed-quotes.md. A quote is stored only as AES-256-GCM ciphertext under a
// key derived from the server secret and the project id, plus a SHA-256 commitment that the bidder keeps as its receipt.
// Nothing but the opening job decrypts, and only after the deadline by the database clock.

const VERSION = 'v1'

let masterOverride: string | undefined
/** Tests may pin the master secret; the app uses SESSION_SECRET or the generated secret in DATA_DIR. */
export function setSealingSecretForTests(secret: string | undefined) {
  masterOverride = secret
}

function projectKey(projectId: number): Buffer {
  const master = masterOverride ?? getEnv().QUOTE_SEAL_SECRET ?? cookieSecrets()[0]!
  return Buffer.from(hkdfSync('sha256', master, 'caigou-sealed-quote-v1', `project:${projectId}`, 32))
}

export interface SealedQuote {
  sealed: string
  commitment: string
  nonce: string
}

export interface QuotePlaintext {
  projectId: number
  supplierId: number
  amountFen: number
  nonce: string
}

/** The receipt hash: SHA-256 of canonical JSON {amountFen, nonce, projectId, supplierId}. */
export function quoteCommitment(q: QuotePlaintext): Promise<string> {
  return sha256Hex(canonicalJson({ amountFen: q.amountFen, nonce: q.nonce, projectId: q.projectId, supplierId: q.supplierId }))
}

export async function sealQuote(projectId: number, supplierId: number, amountFen: number): Promise<SealedQuote> {
  const nonce = randomBytes(16).toString('hex')
  const plaintext: QuotePlaintext = { projectId, supplierId, amountFen, nonce }
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', projectKey(projectId), iv)
  // The supplier id is bound as associated data: a ciphertext copied to another bidder's row does not open.
  cipher.setAAD(Buffer.from(`${projectId}:${supplierId}`))
  const body = Buffer.concat([cipher.update(canonicalJson(plaintext), 'utf8'), cipher.final()])
  const sealed = [VERSION, iv.toString('base64'), body.toString('base64'), cipher.getAuthTag().toString('base64')].join('.')
  return { sealed, commitment: await quoteCommitment(plaintext), nonce }
}

/** Opens a sealed quote and checks it against its commitment; throws if either was altered. */
export async function unsealQuote(projectId: number, supplierId: number, sealed: string, commitment: string): Promise<QuotePlaintext> {
  const [version, iv, body, tag] = sealed.split('.')
  if (version !== VERSION || !iv || !body || !tag) throw new Error('unknown sealed quote format')
  const decipher = createDecipheriv('aes-256-gcm', projectKey(projectId), Buffer.from(iv, 'base64'))
  decipher.setAAD(Buffer.from(`${projectId}:${supplierId}`))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
  const plain = JSON.parse(text) as QuotePlaintext
  if (plain.projectId !== projectId || plain.supplierId !== supplierId) throw new Error('sealed quote belongs elsewhere')
  if ((await quoteCommitment(plain)) !== commitment) throw new Error('sealed quote does not match its commitment')
  return plain
}
