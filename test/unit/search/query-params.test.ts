import { describe, expect, it } from 'vitest'

import { bandRangeFilter, priceBandOf, ratingBandOf } from '../../../search/bands'
import { parseSearchParams, toSearchParams, toSearchQuery, yuanToFen } from '../../../search/query-params'

describe('/search URL', () => {
  it('parses every parameter', () => {
    const state = parseSearchParams(
      new URLSearchParams(
        'q=物业&market=supermarket&kind=service_listing&category=S01&category=S02&region=福田区&level=甲级&qual=ISO9001&price=1k-10k&priceMin=100&priceMax=5000.5&rating=4&sort=price_asc&page=2',
      ),
    )
    expect(state).toEqual({
      q: '物业',
      market: 'supermarket',
      kinds: ['service_listing'],
      categories: ['S01', 'S02'],
      regions: ['福田区'],
      levels: ['甲级'],
      qualifications: ['ISO9001'],
      priceBands: ['1k-10k'],
      priceMinFen: 10_000,
      priceMaxFen: 500_050,
      ratingMin: 4,
      sort: 'price_asc',
      page: 2,
    })
    expect(toSearchQuery(state)).toEqual({
      q: '物业',
      filters: [
        { op: 'eq', field: 'market', value: 'supermarket' },
        { op: 'eq', field: 'kind', value: 'service_listing' },
        { op: 'in', field: 'categoryCode', values: ['S01', 'S02'] },
        { op: 'eq', field: 'region', value: '福田区' },
        { op: 'eq', field: 'qualificationLevel', value: '甲级' },
        { op: 'eq', field: 'qualifications', value: 'ISO9001' },
        { op: 'eq', field: 'priceBand', value: '1k-10k' },
        { op: 'range', field: 'priceFen', gte: 10_000, lte: 500_050 },
        { op: 'range', field: 'rating', gte: 4 },
      ],
      facets: ['market', 'categoryCode', 'region', 'qualificationLevel', 'qualifications', 'priceBand', 'ratingBand'],
      sort: 'price_asc',
      page: 2,
    })
  })

  it('drops what it does not understand', () => {
    const state = parseSearchParams(
      new URLSearchParams('market=moon&kind=x&price=cheap&priceMin=-1&priceMax=1e9&rating=9&sort=random&page=-3&region='),
    )
    expect(state).toEqual({
      q: '',
      kinds: [],
      categories: [],
      regions: [],
      levels: [],
      qualifications: [],
      priceBands: [],
      sort: 'relevance',
      page: 1,
    })
    expect(toSearchQuery(state).filters).toEqual([])
    expect(parseSearchParams(new URLSearchParams('page=99999')).page).toBe(500)
  })

  it('round-trips through toSearchParams', () => {
    const url = 'q=保安&market=catalogue&category=C05&region=天河区&region=越秀区&priceMin=10.5&rating=4.5&sort=rating_desc&page=3'
    const state = parseSearchParams(new URLSearchParams(url))
    expect(parseSearchParams(toSearchParams(state))).toEqual(state)
    expect(toSearchParams(parseSearchParams(new URLSearchParams(''))).toString()).toBe('')
  })

  it('converts yuan to integer fen exactly', () => {
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen(' 100 ')).toBe(10_000)
    for (const bad of ['1.234', '-1', '1e3', 'abc', '', null]) expect(yuanToFen(bad)).toBeUndefined()
  })
})

describe('price and rating bands', () => {
  it('puts boundaries in the upper band', () => {
    expect(priceBandOf(null)).toBeNull()
    expect(priceBandOf(9_999)).toBe('lt100')
    expect(priceBandOf(10_000)).toBe('100-1k')
    expect(priceBandOf(10_000_000)).toBe('gte100k')
    expect(ratingBandOf(4.5)).toBe('4.5+')
    expect(ratingBandOf(4.49)).toBe('4-4.5')
    expect(ratingBandOf(0)).toBe('lt3')
    expect(ratingBandOf(null)).toBeNull()
  })

  it('has a range filter for each band', () => {
    expect(bandRangeFilter('priceFen', '1k-10k')).toEqual({ op: 'range', field: 'priceFen', gte: 100_000, lt: 1_000_000 })
    expect(bandRangeFilter('rating', '4.5+')).toEqual({ op: 'range', field: 'rating', gte: 4.5 })
    expect(bandRangeFilter('rating', 'nope')).toBeNull()
  })
})
