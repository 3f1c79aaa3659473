export * from './machine'
export * from './bidding'
export * from './credit'
export * from './scoring'
