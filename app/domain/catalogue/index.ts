export * from './fields'
export * from './ordering'
export * from './schemas'
