import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { getEnv } from './env.server'
import { DEMO_PDF, DEMO_PDF_KEY } from '../../db/seed-catalogue'

// Uploaded documents (qualification certificates as PDF or images) are kept on disk under DATA_DIR/uploads, named by
// the SHA-256 of their content, so they survive a restart, the same file uploaded twice is stored once, and a file
// can never be overwritten by another one with the same name. The database keeps the original name, type and hash.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export type UploadProblem = 'empty' | 'tooLarge' | 'type' | 'mismatch'

const TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
} as const
export type AcceptedType = keyof typeof TYPES

/** What the first bytes say the file is, whatever its name claims. */
export function sniffType(bytes: Uint8Array): AcceptedType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf' // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  return null
}

/** Checks an upload: not empty, not too large, a PDF/PNG/JPEG by content, and its name's extension says the same. */
export function checkUpload(fileName: string, bytes: Uint8Array): { ok: true; contentType: AcceptedType } | { ok: false; problem: UploadProblem } {
  if (bytes.length === 0) return { ok: false, problem: 'empty' }
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, problem: 'tooLarge' }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''
  const claimed = (Object.keys(TYPES) as AcceptedType[]).find((t) => (TYPES[t] as readonly string[]).includes(ext))
  if (!claimed) return { ok: false, problem: 'type' }
  const actual = sniffType(bytes)
  if (actual !== claimed) return { ok: false, problem: actual === null ? 'type' : 'mismatch' }
  return { ok: true, contentType: actual }
}

export interface StoredFile {
  fileName: string
  contentType: AcceptedType
  sizeBytes: number
  sha256: string
  storageKey: string
}

function uploadRoot(): string {
  return join(getEnv().DATA_DIR, 'uploads')
}

function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file'
  const printable = [...base].map((ch) => (ch.charCodeAt(0) < 32 || '<>:"|?*'.includes(ch) ? '_' : ch)).join('')
  return printable.slice(-120) || 'file'
}

/** Checks and stores one upload; a problem is returned, not thrown, so the caller can name the field. */
export async function storeUpload(file: File): Promise<{ ok: true; file: StoredFile } | { ok: false; problem: UploadProblem }> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, problem: 'tooLarge' }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const checked = checkUpload(file.name, bytes)
  if (!checked.ok) return checked
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const storageKey = `${sha256.slice(0, 2)}/${sha256}`
  const path = join(uploadRoot(), storageKey)
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true })
    // Write then rename: a crash never leaves half a file under the final name.
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
    await writeFile(tmp, bytes)
    await rename(tmp, path)
  }
  return { ok: true, file: { fileName: safeName(file.name), contentType: checked.contentType, sizeBytes: bytes.length, sha256, storageKey } }
}

/** The stored bytes of a document; the demo documents are one built-in PDF. */
export async function readStored(storageKey: string): Promise<Buffer | null> {
  if (storageKey === DEMO_PDF_KEY) return DEMO_PDF
  if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(storageKey)) return null
  try {
    return await readFile(join(uploadRoot(), storageKey))
  } catch {
    return null
  }
}
