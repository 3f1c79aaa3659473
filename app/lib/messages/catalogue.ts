// Messages of the catalogue: a zh object and an en object with the same keys.
export const zh = {} as const

export const en: Record<keyof typeof zh, string> = {}
