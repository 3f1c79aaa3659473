import { addWorkingDays, shanghaiDate, startOfShanghaiDate } from '~/domain/calendar'

// 合同公开: a contract is published within `contract publication days` working days of its signing (default 2).

export const DEFAULT_CONTRACT_PUBLICATION_DAYS = 2

/** The instant from which publishing the contract signed on this date ('YYYY-MM-DD', Shanghai) is late. */
export function contractPublicationDeadline(signedOn: string, days: number): Date {
  return addWorkingDays(startOfShanghaiDate(signedOn), days)
}

/** True when the contract was published (recorded) at or after its publication deadline. */
export function contractPublishedLate(signedOn: string, publishedAt: Date, days: number): boolean {
  return publishedAt.getTime() >= contractPublicationDeadline(signedOn, days).getTime()
}

/** A contract cannot have been signed after the day it is recorded on (Shanghai dates). */
export function signedInFuture(signedOn: string, recordedAt: Date): boolean {
  return signedOn > shanghaiDate(recordedAt)
}
