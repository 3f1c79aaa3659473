import type { FieldErrors } from './forms'
import { storeUpload, type StoredFile } from './storage.server'
import { UPLOAD_MESSAGES } from '~/services/catalogue-applications.server'

/** Stores every non-empty `doc.<key>` file of a form; a refused file comes back as an error beside its field. */
export async function collectDocuments(formData: FormData): Promise<{ ok: true; documents: { qualificationKey: string; file: StoredFile }[] } | { ok: false; errors: FieldErrors }> {
  const documents: { qualificationKey: string; file: StoredFile }[] = []
  const errors: FieldErrors = {}
  for (const [name, value] of formData) {
    if (!name.startsWith('doc.') || typeof value === 'string') continue
    // A file input left empty posts a nameless, empty file.
    if (value.size === 0 && !value.name) continue
    const key = name.slice(4)
    const stored = await storeUpload(value)
    if (stored.ok) documents.push({ qualificationKey: key, file: stored.file })
    else errors[name] = UPLOAD_MESSAGES[stored.problem]
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, documents }
}
