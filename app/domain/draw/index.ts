// The verifiable draw: one module for the server, the public draw page's in-browser check and the CLI verifier.
export { canonicalJson, compareCodePoints } from './canonical-json'
export { hmacSha256, sha256, sha256Hex } from './hash'
export { fromHex, toHex } from './encoding'
export {
  ALGORITHM_VERSION,
  SECRET_BYTES,
  canonicalCandidates,
  commitSecret,
  drawOrder,
  drawSeed,
  drawSeedMessage,
  freezePool,
  generateSecret,
  hmacWordStream,
  isStrictlyAscending,
  rejectionLimit,
  runDraw,
  sampleIndex,
  shuffleWithWords,
  uniformIndex,
} from './draw'
export type {
  AlgorithmVersion,
  FreezePoolInput,
  FrozenPool,
  Pool,
  PublishedDraw,
  RunDrawInput,
  WordSource,
} from './draw'
export { verifyDraw } from './verify'
export type { DrawProblem, DrawProblemCode, DrawVerification, RecomputedDraw } from './verify'
