export * from './fields'
export * from './ordering'
