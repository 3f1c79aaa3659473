// A fake Meilisearch at the HTTP layer (MSW): enough behaviour for the engine's flows (indexes, settings, documents,
// tasks, swap, stats) and a pluggable search answer. Every request is recorded and checked against the OpenAPI
// description; departures are collected in `violations`.

import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'

import { parseFilter } from './meili-filter-parser'
import { loadMeiliSpec, validateRequest, type HttpRequestRecord } from './openapi'

export const FAKE_HOST = 'http://meili.test:7700'

type Doc = Record<string, unknown>
interface FakeIndex {
  primaryKey: string | null
  docs: Map<string, Doc>
  settings: Record<string, unknown>
  createdAt: string
}
interface FakeTask {
  uid: number
  indexUid: string | null
  type: string
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed'
  error: { message: string; code: string; type: string; link: string } | null
  polls: number
}

const now = () => new Date().toISOString()
const apiError = (code: string, message: string) => ({
  message,
  code,
  type: 'invalid_request',
  link: `https://docs.meilisearch.com/errors#${code}`,
})

export class FakeMeili {
  readonly spec = loadMeiliSpec()
  readonly requests: (HttpRequestRecord & { authorization: string | null })[] = []
  readonly violations: string[] = []
  readonly indexes = new Map<string, FakeIndex>()
  readonly tasks = new Map<number, FakeTask>()
  /** The next task fails with this error instead of being applied. */
  failNextTask: { code: string; message: string } | null = null
  /** Tasks report `processing` this many times before finishing (exercises polling). */
  pollsBeforeDone = 0
  /** Answer for POST /indexes/:uid/search. */
  searchAnswer: (body: Record<string, unknown>, index: FakeIndex | undefined) => unknown = (body) => ({
    hits: [],
    query: body.q ?? '',
    processingTimeMs: 1,
    hitsPerPage: body.hitsPerPage ?? 20,
    page: body.page ?? 1,
    totalPages: 0,
    totalHits: 0,
  })
  private nextUid = 0
  readonly server = setupServer(http.all(`${FAKE_HOST}/*`, ({ request }) => this.handle(request)))

  listen() {
    this.server.listen({ onUnhandledRequest: 'error' })
  }
  close() {
    this.server.close()
  }
  reset() {
    this.requests.length = 0
    this.violations.length = 0
    this.indexes.clear()
    this.tasks.clear()
    this.failNextTask = null
    this.pollsBeforeDone = 0
    this.nextUid = 0
  }

  private enqueue(indexUid: string | null, type: string, apply: () => FakeTask['error']) {
    const uid = this.nextUid++
    let error: FakeTask['error'] = null
    if (this.failNextTask) {
      error = apiError(this.failNextTask.code, this.failNextTask.message)
      this.failNextTask = null
    } else {
      error = apply()
    }
    this.tasks.set(uid, { uid, indexUid, type, status: error ? 'failed' : 'succeeded', error, polls: 0 })
    return HttpResponse.json({ taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: now() }, { status: 202 })
  }

  private ensure(uid: string): FakeIndex {
    let idx = this.indexes.get(uid)
    if (!idx) {
      idx = { primaryKey: null, docs: new Map(), settings: {}, createdAt: now() }
      this.indexes.set(uid, idx)
    }
    return idx
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const text = await request.text()
    let body: unknown
    if (text) {
      try {
        body = JSON.parse(text)
      } catch {
        this.violations.push(`${request.method} ${url.pathname}: body is not JSON`)
      }
    }
    const record = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body,
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
    }
    this.requests.push(record)
    this.violations.push(...validateRequest(this.spec, record))
    return this.route(record.method, url.pathname.split('/').filter(Boolean).map(decodeURIComponent), url, body)
  }

  private route(method: string, seg: string[], url: URL, body: unknown): Response {
    const b = body as Record<string, unknown>
    const [root, uid, sub, third] = seg
    if (root === 'tasks' && method === 'GET' && uid !== undefined) {
      const task = this.tasks.get(Number(uid))
      if (!task) return HttpResponse.json(apiError('task_not_found', `Task \`${uid}\` not found.`), { status: 404 })
      const done = task.polls++ >= this.pollsBeforeDone
      return HttpResponse.json({
        uid: task.uid,
        batchUid: task.uid,
        indexUid: task.indexUid,
        status: done ? task.status : 'processing',
        type: task.type,
        canceledBy: null,
        details: {},
        error: done ? task.error : null,
        duration: done ? 'PT0.001S' : null,
        enqueuedAt: now(),
        startedAt: now(),
        finishedAt: done ? now() : null,
      })
    }
    if (root === 'swap-indexes' && method === 'POST') {
      return this.enqueue(null, 'indexSwap', () => {
        for (const swap of b as unknown as { indexes: [string, string] }[]) {
          const [x, y] = swap.indexes
          const a = this.indexes.get(x)
          const c = this.indexes.get(y)
          if (!a || !c) return apiError('index_not_found', `Index \`${a ? y : x}\` not found.`)
          this.indexes.set(x, c)
          this.indexes.set(y, a)
        }
        return null
      })
    }
    if (root !== 'indexes') return HttpResponse.json(apiError('not_found', 'not found'), { status: 404 })
    if (uid === undefined && method === 'POST') {
      const name = String(b.uid)
      return this.enqueue(name, 'indexCreation', () => {
        if (this.indexes.has(name)) return apiError('index_already_exists', `Index \`${name}\` already exists.`)
        this.ensure(name).primaryKey = (b.primaryKey as string) ?? null
        return null
      })
    }
    if (uid === undefined) return HttpResponse.json({ results: [], offset: 0, limit: 20, total: 0 })
    const idx = this.indexes.get(uid)
    if (sub === undefined) {
      if (method === 'GET') {
        if (!idx) return HttpResponse.json(apiError('index_not_found', `Index \`${uid}\` not found.`), { status: 404 })
        return HttpResponse.json({ uid, primaryKey: idx.primaryKey, createdAt: idx.createdAt, updatedAt: now() })
      }
      if (method === 'DELETE') {
        return this.enqueue(uid, 'indexDeletion', () => {
          if (!this.indexes.delete(uid)) return apiError('index_not_found', `Index \`${uid}\` not found.`)
          return null
        })
      }
    }
    if (sub === 'settings' && method === 'PATCH') {
      return this.enqueue(uid, 'settingsUpdate', () => {
        Object.assign(this.ensure(uid).settings, b)
        return null
      })
    }
    if (sub === 'stats' && method === 'GET') {
      if (!idx) return HttpResponse.json(apiError('index_not_found', `Index \`${uid}\` not found.`), { status: 404 })
      return HttpResponse.json({ numberOfDocuments: idx.docs.size, isIndexing: false, fieldDistribution: {} })
    }
    if (sub === 'search' && method === 'POST') {
      if (!idx) return HttpResponse.json(apiError('index_not_found', `Index \`${uid}\` not found.`), { status: 404 })
      return HttpResponse.json(this.searchAnswer(b, idx) as Record<string, unknown>)
    }
    if (sub === 'documents') {
      if (third === undefined && (method === 'POST' || method === 'PUT')) {
        const pk = url.searchParams.get('primaryKey') ?? 'id'
        return this.enqueue(uid, 'documentAdditionOrUpdate', () => {
          const index = this.ensure(uid)
          index.primaryKey ??= pk
          for (const d of b as unknown as Doc[]) {
            const id = String(d[index.primaryKey])
            index.docs.set(id, method === 'PUT' ? { ...(index.docs.get(id) ?? {}), ...d } : d)
          }
          return null
        })
      }
      if (third === undefined && method === 'GET') {
        const docs = [...(idx?.docs.values() ?? [])]
        const offset = Number(url.searchParams.get('offset') ?? 0)
        const limit = Number(url.searchParams.get('limit') ?? 20)
        const fields = url.searchParams.get('fields')?.split(',')
        const results = docs
          .slice(offset, offset + limit)
          .map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d))
        return HttpResponse.json({ results, offset, limit, total: docs.length })
      }
      if (third === 'delete' && method === 'POST') {
        return this.enqueue(uid, 'documentDeletion', () => {
          for (const c of parseFilter(String(b.filter))) {
            if (c.attribute === 'id' && c.op === 'IN') for (const id of c.values) idx?.docs.delete(id)
          }
          return null
        })
      }
      if (third !== undefined && method === 'DELETE') {
        return this.enqueue(uid, 'documentDeletion', () => {
          idx?.docs.delete(third)
          return null
        })
      }
    }
    return HttpResponse.json(apiError('not_found', `no fake route for ${method} ${url.pathname}`), { status: 404 })
  }
}
