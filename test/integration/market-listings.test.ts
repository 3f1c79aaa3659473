import { describe, expect, it } from 'vitest'
import { listingSchema } from '~/domain/selection'
import { FieldError, ForbiddenError } from '~/services/errors'
import { listListings, myListings, saveListing } from '~/services/market-listings.server'
import { makeUser, testDb } from '../support/db'
import { agencySupplier, ctx, marketCategory } from './market-support'

const input = (categoryCode: string) =>
  listingSchema.parse({ categoryCode, scope: '资产评估', qualifications: '资产评估师 5 名', feeStandard: '按标准下浮 15%', serviceArea: '深圳市', staffCount: '12', typicalDays: '15' })

describe('服务清单 listings', () => {
  it('an admitted agency lists its services; others cannot', async () => {
    const db = await testDb()
    const code = await marketCategory(db)
    const agency = await agencySupplier(db, code)
    expect((await myListings(db, agency)).categories.map((c) => c.code)).toEqual([code])
    await saveListing(db, ctx(agency), input(code))
    await saveListing(db, ctx(agency), { ...input(code), staffCount: 20 })
    const listed = await listListings(db, { categoryCode: code })
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ staff_count: 20, credit: 100 })

    const outsider = await makeUser(db, 'supplier')
    await expect(saveListing(db, ctx(outsider), input(code))).rejects.toBeInstanceOf(FieldError)
    const buyer = await makeUser(db, 'agency')
    await expect(saveListing(db, ctx(buyer), input(code))).rejects.toBeInstanceOf(ForbiddenError)
    expect(listingSchema.safeParse({ ...input(code), staffCount: '-1', typicalDays: '0' }).success).toBe(false)
  })
})
