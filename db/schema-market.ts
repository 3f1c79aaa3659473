// Table types of the market; db/schema.ts merges them into Database.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the market grows
export interface MarketTables {}
