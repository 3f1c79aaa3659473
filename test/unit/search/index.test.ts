import { describe, expect, it } from 'vitest'

import { createSearchEngine, EmbeddedSearchEngine, MeilisearchEngine, searchEngineKind } from '../../../search'

describe('createSearchEngine', () => {
  it('uses the embedded engine when no Meilisearch host is configured', () => {
    expect(createSearchEngine({})).toBeInstanceOf(EmbeddedSearchEngine)
    expect(createSearchEngine({ MEILI_HOST: '  ' }).name).toBe('embedded')
    expect(searchEngineKind({ MEILI_API_KEY: 'k' })).toBe('embedded')
  })

  it('uses Meilisearch when MEILI_HOST is set, with the index prefix', () => {
    const e = createSearchEngine({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_API_KEY: 'k', indexPrefix: 'staging_' })
    expect(e).toBeInstanceOf(MeilisearchEngine)
    expect((e as MeilisearchEngine).indexUid).toBe('staging_documents')
    expect((createSearchEngine({ MEILI_HOST: 'http://m:7700' }) as MeilisearchEngine).indexUid).toBe('caigou_documents')
    expect(() => createSearchEngine({ MEILI_HOST: 'http://m:7700', indexPrefix: 'bad prefix ' })).toThrow(/index uid/)
  })

  it('keeps its own copy of documents', async () => {
    const e = new EmbeddedSearchEngine()
    const doc = {
      id: 'x-1', kind: 'catalogue_item' as const, title: '保安服务', description: '', categoryCode: 'C05', categoryName: '保安',
      market: 'catalogue' as const, qualifications: ['A'], qualificationLevel: null, region: '福田', priceFen: 100, rating: null,
      credit: 100, status: 'active' as const, supplierId: 's', supplierName: 'S', updatedAt: '2026-01-01T00:00:00Z',
    }
    await e.upsert([doc])
    doc.title = '改了'
    doc.qualifications.push('B')
    const hit = (await e.search({ q: '保安' })).hits[0]!
    expect(hit.document.title).toBe('保安服务')
    expect(hit.document.qualifications).toEqual(['A'])
    hit.document.qualifications.push('C')
    expect((await e.search({ q: '保安' })).hits[0]!.document.qualifications).toEqual(['A'])
  })
})
