// Table types of the catalogue; db/schema.ts merges them into Database.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the catalogue grows
export interface CatalogueTables {}
