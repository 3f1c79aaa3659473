import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ALGORITHM_VERSION,
  canonicalJson,
  commitSecret,
  compareCodePoints,
  drawOrder,
  drawSeed,
  drawSeedMessage,
  freezePool,
  fromHex,
  generateSecret,
  hmacSha256,
  hmacWordStream,
  rejectionLimit,
  runDraw,
  sampleIndex,
  sha256Hex,
  shuffleWithWords,
  toHex,
  uniformIndex,
  verifyDraw,
} from '~/domain/draw'
import type { DrawProblemCode, PublishedDraw } from '~/domain/draw'

// The known-answer vectors of docs/draw-algorithm.md, cross-checked against an independent Python implementation.
const vectors = [
  {
    name: 'single candidate',
    input: {
      candidateIds: ['S-0001'],
      purpose: 'tie-break:project/2025-0042',
      winners: 1,
      secret: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
      publicInput: '314159',
      drawId: 'draw-0001',
    },
    poolJson:
      '{"algorithmVersion":"caigou-draw-v1","candidates":["S-0001"],' +
      '"purpose":"tie-break:project/2025-0042","winners":1}',
    poolHash: '5912d647602358b12a9892c0879f9c7cf3cc19e82985bfe86ad2cc67e544bc12',
    secretHash: '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
    seedMessage:
      '00000006333134313539000000403539313264363437363032333538623132613938393263303837396639633763663363633139653832' +
      '393835626665383661643263633637653534346263313200000009647261772d30303031',
    seed: '4e59b1cc8f093cf6d7466f9026f62d8baf8b6e8d422515fc76c81c5935eeeab9',
    order: ['S-0001'],
  },
  {
    name: 'ten candidates',
    input: {
      candidateIds: ['1024', '17', '9', '2048', '300', '45', '5120', '88', '600', '71', '17'],
      purpose: 'random-selection:project/2025-0107',
      winners: 1,
      secret: '9bc750de5d4507df9781f53b67926f27268ff2447f7723c6448efbafa985b19c',
      publicInput: '8842',
      drawId: '3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b',
    },
    poolJson:
      '{"algorithmVersion":"caigou-draw-v1","candidates":["1024","17","2048","300","45","5120","600","71","88","9"],' +
      '"purpose":"random-selection:project/2025-0107","winners":1}',
    poolHash: 'b5299b7af8848d4f35ea349f2c68468df717e1e6f87cb025e12de72530d938c9',
    secretHash: 'ae637ffb4321b6caec9004a0af562cd54be21afb950cab96618abc6d0dd76736',
    seedMessage:
      '000000043838343200000040623532393962376166383834386434663335656133343966326336383436386466373137653165366638' +
      '376362303235653132646537323533306439333863390000002433663262386331652d356434612d346536662d396137622d30633164' +
      '3265336634613562',
    seed: 'babb9fcdaf1e022c0e130683af183a92eb3da6bfb244cff79db7cd2aa49c1bc7',
    order: ['2048', '88', '300', '5120', '71', '1024', '17', '600', '9', '45'],
  },
  {
    name: 'expert panel, Chinese text',
    input: {
      candidateIds: ['EXP-0412', 'EXP-0007', 'EXP-0139', 'EXP-0288', 'EXP-0051', 'EXP-0300', 'EXP-0999'],
      purpose: '专家抽取:project/2025-0200 评审委员会',
      winners: 5,
      secret: '6f6ed4275af976536f0cc43a2ce3aada499f98ed807288a2df1c6f821d1207c0',
      publicInput: '见证人 王五 输入 42',
      drawId: 'draw-2025-0200-experts',
    },
    poolJson:
      '{"algorithmVersion":"caigou-draw-v1","candidates":["EXP-0007","EXP-0051","EXP-0139","EXP-0288","EXP-0300",' +
      '"EXP-0412","EXP-0999"],"purpose":"专家抽取:project/2025-0200 评审委员会","winners":5}',
    poolHash: 'c38cc13eb51dd1ba92474f2621a5b98ff22dd29f388b82f230b09c134822187e',
    secretHash: '8ce62fa947d9cd72c2407da8915470d4004353903cc58aa44407030291810f59',
    seedMessage:
      '0000001ae8a781e8af81e4baba20e78e8be4ba9420e8be93e585a5203432' +
      '0000004063333863633133656235316464316261393234373466' +
      '32363231613562393866663232646432396633383862383266323330623039633133343832323138376500000016647261772d32303235' +
      '2d303230302d65787065727473',
    seed: 'fd9dfa7d4b89c16513122068d547431ecf66ab2f052d68e4d861536fdfddf4a6',
    order: ['EXP-0412', 'EXP-0007', 'EXP-0300', 'EXP-0139', 'EXP-0288', 'EXP-0051', 'EXP-0999'],
  },
  {
    name: 'code point order and a newline in the public input',
    input: {
      candidateIds: ['b', 'a', '\uff21', '\u{1f600}', 'B'],
      purpose: 'tie-break:sort-order-check',
      winners: 2,
      secret: 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      publicInput: 'a\nb',
      drawId: 'draw-0004',
    },
    poolJson:
      '{"algorithmVersion":"caigou-draw-v1","candidates":["B","a","b","\uff21","\u{1f600}"],' +
      '"purpose":"tie-break:sort-order-check","winners":2}',
    poolHash: 'b8d918b2860fde4c77a8197ce9fb6fc8ab9419f38fda324e752bea849673673d',
    secretHash: 'af9613760f72635fbdb44a5a0a63c39f12af30f950a6ee5c971be188e89c4051',
    seedMessage:
      '00000003610a62' +
      '00000040623864393138623238363066646534633737613831393763653966623666633861623934313966333866646133' +
      '3234653735326265613834393637333637336400000009647261772d30303034',
    seed: 'c00d0c6291b55f4cd5c7dabe7dcf2c5e307fe78e030d9e4d49a5e13582b004a7',
    order: ['B', '\uff21', 'a', 'b', '\u{1f600}'],
  },
]

function vectorAt(index: number): (typeof vectors)[number] {
  const vector = vectors[index]
  if (!vector) throw new Error(`no vector ${index}`)
  return vector
}

async function publishedFor(input: (typeof vectors)[number]['input']): Promise<PublishedDraw> {
  const frozen = await freezePool({ candidateIds: input.candidateIds, purpose: input.purpose, winners: input.winners })
  return runDraw({ frozen, secret: input.secret, publicInput: input.publicInput, drawId: input.drawId })
}

const TEN = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10']
const SECRET_A = 'a'.repeat(64)

describe('known-answer vectors', () => {
  it.each(vectors)('$name: pool, commitment, seed and order', async (vector) => {
    const { input } = vector
    const { candidateIds, purpose, winners } = input
    const frozen = await freezePool({ candidateIds, purpose, winners })
    expect(frozen.poolJson).toBe(vector.poolJson)
    expect(frozen.poolHash).toBe(vector.poolHash)
    expect(await commitSecret(input.secret)).toBe(vector.secretHash)
    expect(toHex(drawSeedMessage(input.publicInput, frozen.poolHash, input.drawId))).toBe(vector.seedMessage)
    const seed = await drawSeed(input.secret, input.publicInput, frozen.poolHash, input.drawId)
    expect(seed).toBe(vector.seed)
    expect(await drawOrder(seed, frozen.pool.candidates)).toEqual(vector.order)
  })

  it.each(vectors)('$name: the published record verifies', async (vector) => {
    const record = await publishedFor(vector.input)
    expect(record).toMatchObject({
      algorithmVersion: ALGORITHM_VERSION,
      poolHash: vector.poolHash,
      secretHash: vector.secretHash,
      seed: vector.seed,
      order: vector.order,
    })
    // Through JSON, as a verifier receives it.
    const result = await verifyDraw(JSON.parse(JSON.stringify(record)))
    expect(result.problems).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.recomputed?.order).toEqual(vector.order)
  })

  it('are the ones printed in docs/draw-algorithm.md', () => {
    const doc = readFileSync(new URL('../../docs/draw-algorithm.md', import.meta.url), 'utf8')
    for (const vector of vectors) {
      for (const value of [vector.poolJson, vector.poolHash, vector.secretHash, vector.seedMessage, vector.seed]) {
        expect(doc).toContain(value)
      }
      expect(doc).toContain(`order: \`[${vector.order.map((id) => `"${id}"`).join(', ')}]\``)
    }
  })
})

describe('hash primitives', () => {
  it('sha256Hex matches FIPS 180-2 "abc" and hashes strings as UTF-8', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await sha256Hex(new TextEncoder().encode('采购'))).toBe(await sha256Hex('采购'))
  })

  it('hmacSha256 matches RFC 4231 test case 2', async () => {
    const mac = await hmacSha256(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?')
    expect(toHex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })
})

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'], c: { z: 0, y: -5 } }, '{"a":[true,null,"x"],"b":1,"c":{"y":-5,"z":0}}'],
    [{ '\u{1f600}': 1, '\uff21': 2, B: 3, a: 4 }, '{"B":3,"a":4,"\uff21":2,"\u{1f600}":1}'],
    [
      'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f',
      '"quote \\" backslash \\\\ newline \\n tab \\t nul \\u0000 del \u007f"',
    ],
    ['中文 \u2028', '"中文 \u2028"'],
    [-0, '0'],
    [[], '[]'],
    [{}, '{}'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })

  it.each([
    ['a float', 1.5],
    ['an unsafe integer', 2 ** 53],
    ['NaN', Number.NaN],
    ['undefined', undefined],
    ['an undefined member', { a: undefined }],
    ['a bigint', 1n],
    ['a lone surrogate', '\ud800'],
    ['a lone surrogate in a key', { '\udc00': 1 }],
    ['a Date', new Date(0)],
  ])('refuses %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError)
  })

  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['10', '9', -1],
    ['\uff21', '\u{1f600}', -1], // JavaScript's default sort says the opposite
    ['\u{1f600}', '\u{1f601}', -1],
    ['', 'a', -1],
  ])('compareCodePoints(%j, %j) = %d', (a, b, expected) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(expected)
  })
})

describe('freezePool', () => {
  it('deduplicates and sorts the candidates as strings, whatever the input order', async () => {
    const a = await freezePool({ candidateIds: ['9', '10', '9', '100'], purpose: 'p', winners: 1 })
    const b = await freezePool({ candidateIds: ['100', '9', '10'], purpose: 'p', winners: 1 })
    expect(a.pool.candidates).toEqual(['10', '100', '9'])
    expect(a.poolHash).toBe(b.poolHash)
  })

  it.each([
    ['an empty pool', { candidateIds: [], purpose: 'p', winners: 1 }],
    ['an empty id', { candidateIds: ['a', ''], purpose: 'p', winners: 1 }],
    ['an empty purpose', { candidateIds: ['a'], purpose: '', winners: 1 }],
    ['zero winners', { candidateIds: ['a'], purpose: 'p', winners: 0 }],
    ['more winners than candidates', { candidateIds: ['a', 'b', 'a'], purpose: 'p', winners: 3 }],
    ['fractional winners', { candidateIds: ['a', 'b'], purpose: 'p', winners: 1.5 }],
    ['an unknown algorithm version', { candidateIds: ['a'], purpose: 'p', winners: 1, algorithmVersion: 'v2' }],
  ])('refuses %s', async (_label, input) => {
    await expect(freezePool(input)).rejects.toThrow()
  })
})

describe('secret, seed and order', () => {
  it('generateSecret gives 32 fresh bytes in lowercase hex that can be committed', async () => {
    const secret = generateSecret()
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(generateSecret()).not.toBe(secret)
    expect(await commitSecret(secret)).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each([['short', 'ab'], ['uppercase', 'A'.repeat(64)], ['not hex', 'g'.repeat(64)], ['too long', 'a'.repeat(66)]])(
    'refuses a %s secret',
    async (_label, secret) => {
      await expect(commitSecret(secret)).rejects.toThrow(TypeError)
    },
  )

  it('refuses an empty public input or draw id and a malformed pool hash', () => {
    const poolHash = 'b'.repeat(64)
    expect(() => drawSeedMessage('', poolHash, 'd')).toThrow(/public input/)
    expect(() => drawSeedMessage('1', poolHash, '')).toThrow(/drawId/)
    expect(() => drawSeedMessage('1', 'B'.repeat(64), 'd')).toThrow(/poolHash/)
  })

  it('is deterministic', async () => {
    const frozen = await freezePool({ candidateIds: TEN, purpose: 'p', winners: 3 })
    const first = await runDraw({ frozen, secret: SECRET_A, publicInput: '7', drawId: 'd1' })
    const second = await runDraw({ frozen, secret: SECRET_A, publicInput: '7', drawId: 'd1' })
    expect(second).toEqual(first)
  })

  it('always returns a permutation of the pool', async () => {
    for (let size = 1; size <= 40; size++) {
      const ids = Array.from({ length: size }, (_, i) => `C${String(i).padStart(3, '0')}`)
      for (let round = 0; round < 5; round++) {
        const seed = await sha256Hex(`permutation ${size} ${round}`)
        const order = await drawOrder(seed, ids)
        expect(order).toHaveLength(size)
        expect([...order].sort()).toEqual(ids)
      }
    }
  })

  it('changes the order when any input changes', async () => {
    const base = { candidateIds: TEN, purpose: 'random-selection:project/1', winners: 1 }
    const orderOf = async (
      pool: { candidateIds: string[]; purpose: string; winners: number },
      secret: string,
      publicInput: string,
      drawId: string,
    ) => (await runDraw({ frozen: await freezePool(pool), secret, publicInput, drawId })).order
    const reference = await orderOf(base, SECRET_A, '42', 'draw-1')
    const variants = [
      await orderOf(base, 'b'.repeat(64), '42', 'draw-1'),
      await orderOf(base, SECRET_A, '43', 'draw-1'),
      await orderOf(base, SECRET_A, '42', 'draw-2'),
      await orderOf({ ...base, purpose: 'random-selection:project/2' }, SECRET_A, '42', 'draw-1'),
      await orderOf({ ...base, winners: 2 }, SECRET_A, '42', 'draw-1'),
      await orderOf({ ...base, candidateIds: [...TEN, 'S11'] }, SECRET_A, '42', 'draw-1'),
      await orderOf({ ...base, candidateIds: TEN.map((id) => (id === 'S10' ? 'S99' : id)) }, SECRET_A, '42', 'draw-1'),
    ]
    for (const variant of variants) expect(variant).not.toEqual(reference)
  })

  it('refuses a candidate list that is not the frozen pool', async () => {
    const seed = 'c'.repeat(64)
    await expect(drawOrder(seed, ['b', 'a'])).rejects.toThrow(/sorted/)
    await expect(drawOrder(seed, ['a', 'a'])).rejects.toThrow(/sorted/)
    await expect(drawOrder('C'.repeat(64), ['a'])).rejects.toThrow(/seed/)
  })
})

describe('the counter stream', () => {
  it('reads block 0 as eight big-endian words, then block 1', async () => {
    const { seed } = vectorAt(1)
    const next = hmacWordStream(seed)
    const words: number[] = []
    for (let i = 0; i < 9; i++) words.push(await next())
    const hex = words.map((word) => word.toString(16).padStart(8, '0'))
    expect(hex.slice(0, 8).join('')).toBe('cfae97f068919fcd244b95e1f8f71a880968f4b7a27f4e0dedeeb79afdedb175')
    expect(hex[8]).toBe('5ce03f69')
    const counter1 = new Uint8Array(8)
    counter1[7] = 1
    expect(toHex(await hmacSha256(fromHex(seed), counter1)).slice(0, 8)).toBe('5ce03f69')
  })
})

describe('rejection sampling', () => {
  const TWO_32 = 2 ** 32

  it.each([
    [1, TWO_32],
    [2, TWO_32],
    [3, TWO_32 - 1],
    [7, TWO_32 - 4],
    [10, TWO_32 - 6],
    [2 ** 31 + 1, 2 ** 31 + 1],
    [TWO_32, TWO_32],
  ])('rejectionLimit(%d) = %d, a multiple of n', (n, limit) => {
    expect(rejectionLimit(n)).toBe(limit)
    expect(limit % n).toBe(0)
  })

  it.each([0, -1, 1.5, TWO_32 + 1, Number.NaN])('rejectionLimit refuses n = %d', (n) => {
    expect(() => rejectionLimit(n)).toThrow(RangeError)
  })

  it.each([
    [0, 3, 0],
    [0xfffffffe, 3, 2], // the largest accepted word
    [0xffffffff, 3, undefined], // the smallest rejected word
    [4294967289, 10, 9],
    [4294967290, 10, undefined],
    [0xffffffff, 2, 1], // powers of two reject nothing
    [0xffffffff, 1, 0],
    [2 ** 31, 2 ** 31 + 1, 2 ** 31],
    [2 ** 31 + 1, 2 ** 31 + 1, undefined],
  ])('sampleIndex(%d, %d) = %s', (word, n, expected) => {
    expect(sampleIndex(word, n)).toBe(expected)
  })

  it.each([-1, TWO_32, 0.5])('sampleIndex refuses the word %d', (word) => {
    expect(() => sampleIndex(word, 3)).toThrow(RangeError)
  })

  it('draws words until one is accepted', async () => {
    const words = [0xffffffff, 0xffffffff, 5]
    let calls = 0
    const index = await uniformIndex(3, () => words[calls++] ?? 0)
    expect(index).toBe(2)
    expect(calls).toBe(3)
  })

  it.each([
    ['a rejected word', [0xffffffff, 0xfffffffe, 0], ['c', 'b', 'a']],
    ['no rejection', [0xfffffffd, 1], ['b', 'c', 'a']],
  ])('shuffles with %s as the spec says', async (_label, words, expected) => {
    let next = 0
    expect(await shuffleWithWords(['a', 'b', 'c'], () => words[next++] ?? 0)).toEqual(expected)
    expect(next).toBe(words.length)
  })
})

describe('uniformity (deterministic: a fixed set of seeds, so it cannot flake)', () => {
  // Chi-square bounds far beyond any plausible value for a correct shuffle (p < 1e-5), yet far below what a biased
  // shuffle (e.g. always keeping the first candidate first, or an off-by-one in the range) produces.
  function chiSquare(counts: readonly number[], expected: number): number {
    return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
  }

  it('puts each candidate first about equally often', async () => {
    const ids = ['A', 'B', 'C', 'D', 'E']
    const rounds = 4000
    const counts = ids.map(() => 0)
    for (let i = 0; i < rounds; i++) {
      const [first] = await drawOrder(await sha256Hex(`uniformity-first ${i}`), ids)
      const at = ids.indexOf(first ?? '')
      counts[at] = (counts[at] ?? 0) + 1
    }
    expect(chiSquare(counts, rounds / ids.length)).toBeLessThan(30) // 4 degrees of freedom
  })

  it('produces every order of three about equally often', async () => {
    const rounds = 3000
    const counts = new Map<string, number>()
    for (let i = 0; i < rounds; i++) {
      const key = (await drawOrder(await sha256Hex(`uniformity-perm ${i}`), ['a', 'b', 'c'])).join('')
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    expect([...counts.keys()].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba'])
    expect(chiSquare([...counts.values()], rounds / 6)).toBeLessThan(35) // 5 degrees of freedom
  })
})

describe('verifyDraw', () => {
  const vector = vectorAt(1)

  async function tampered(change: (record: Record<string, unknown>) => void): Promise<DrawProblemCode[]> {
    const record = JSON.parse(JSON.stringify(await publishedFor(vector.input))) as Record<string, unknown>
    change(record)
    const result = await verifyDraw(record)
    expect(result.ok).toBe(false)
    return result.problems.map((problem) => problem.code)
  }
  const pool = (record: Record<string, unknown>) => record.pool as Record<string, unknown>
  const CANDIDATES = ['1024', '17', '2048', '300', '45', '5120', '600', '71', '88', '9']
  const POOL_CHANGED: DrawProblemCode[] = ['pool-hash', 'seed', 'order']

  it.each<[string, (record: Record<string, unknown>) => void, DrawProblemCode[]]>([
    ['the published pool hash', (r) => (r.poolHash = 'f'.repeat(64)), ['pool-hash']],
    ['a replaced candidate', (r) => (pool(r).candidates = [...CANDIDATES.slice(0, 9), '99']), POOL_CHANGED],
    ['a removed candidate', (r) => (pool(r).candidates = CANDIDATES.slice(0, 9)), POOL_CHANGED],
    ['the purpose', (r) => (pool(r).purpose = 'something else'), POOL_CHANGED],
    ['the number of winners', (r) => (pool(r).winners = 2), POOL_CHANGED],
    ['the published secret hash', (r) => (r.secretHash = '0'.repeat(64)), ['secret-hash']],
    ['the secret', (r) => (r.secret = '1'.repeat(64)), ['secret-hash', 'seed', 'order']],
    ['the public input', (r) => (r.publicInput = '8843'), ['seed', 'order']],
    ['the draw id', (r) => (r.drawId = 'another-draw'), ['seed', 'order']],
    ['the published seed', (r) => (r.seed = 'e'.repeat(64)), ['seed']],
    ['the order', (r) => (r.order = ['88', '2048', '300', '5120', '71', '1024', '17', '600', '9', '45']), ['order']],
    ['the order length', (r) => (r.order = ['2048']), ['order']],
    [
      'the candidates order',
      (r) => (pool(r).candidates = [...CANDIDATES].reverse()),
      ['pool-not-canonical', 'pool-hash', 'seed', 'order'],
    ],
    ['an extra pool field', (r) => (pool(r).note = 'x'), ['pool-not-canonical', 'pool-hash', 'seed', 'order']],
    ['the algorithm version', (r) => (r.algorithmVersion = 'caigou-draw-v2'), ['algorithm-version']],
    ['a missing secret', (r) => delete r.secret, ['format']],
    ['an uppercase secret', (r) => (r.secret = String(r.secret).toUpperCase()), ['format']],
    ['a non-integer winners', (r) => (pool(r).winners = 1.5), ['format']],
    ['an empty public input', (r) => (r.publicInput = ''), ['format']],
  ])('detects tampering with %s', async (_label, change, codes) => {
    expect(await tampered(change)).toEqual(codes)
  })

  it('still verifies without the optional seed', async () => {
    const record: Partial<PublishedDraw> = { ...(await publishedFor(vector.input)) }
    delete record.seed
    expect(await verifyDraw(record)).toMatchObject({ ok: true, problems: [] })
  })

  it.each([null, 'text', [], 42])('reports a non-object record (%j) as a format problem', async (value) => {
    const result = await verifyDraw(value)
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'format' }] })
    expect(result.recomputed).toBeUndefined()
  })

  it('names the first differing position of the order', async () => {
    const record = await publishedFor(vector.input)
    const swapped = [...record.order]
    ;[swapped[3], swapped[4]] = [swapped[4] ?? '', swapped[3] ?? '']
    const result = await verifyDraw({ ...record, order: swapped })
    expect(result.problems[0]?.message).toMatch(/position 4/)
  })
})
