// The working-day calendar of mainland China (工作日历): public holidays and the weekend days worked in exchange
// (调休), for counting statutory periods (公示期、质疑期、确认期、合同公告期) in working days.
//
// Every computation is on Asia/Shanghai calendar dates (UTC+8 all year: China has had no DST since 1991).
// Inputs and outputs are UTC `Date` instants; the Shanghai date of an instant is the date of (instant + 8 h).

/** One festival's arrangement as published by the State Council General Office (国务院办公厅). */
export interface HolidayArrangement {
  /** The festival's Chinese name as in the notice. */
  name: string
  nameEn: string
  /** First and last day off, inclusive, 'YYYY-MM-DD'. */
  off: readonly [first: string, last: string]
  /** Weekend days that are working days instead (调休上班), 'YYYY-MM-DD'. */
  workdays: readonly string[]
}

/**
 * The published arrangements, one entry per covered year. Weekdays in the notices were checked against these
 * dates, and the data against the notices' text:
 * - 2025: 国办发明电〔2024〕12号, 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12).
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua).
 * Add a year here when its notice is published (usually in November of the year before).
 */
export const HOLIDAY_ARRANGEMENTS: Readonly<Record<number, readonly HolidayArrangement[]>> = {
  2025: [
    { name: '元旦', nameEn: "New Year's Day", off: ['2025-01-01', '2025-01-01'], workdays: [] },
    {
      name: '春节',
      nameEn: 'Spring Festival',
      off: ['2025-01-28', '2025-02-04'],
      workdays: ['2025-01-26', '2025-02-08'],
    },
    { name: '清明节', nameEn: 'Qingming Festival', off: ['2025-04-04', '2025-04-06'], workdays: [] },
    { name: '劳动节', nameEn: 'Labour Day', off: ['2025-05-01', '2025-05-05'], workdays: ['2025-04-27'] },
    { name: '端午节', nameEn: 'Dragon Boat Festival', off: ['2025-05-31', '2025-06-02'], workdays: [] },
    {
      name: '国庆节、中秋节',
      nameEn: 'National Day and Mid-Autumn Festival',
      off: ['2025-10-01', '2025-10-08'],
      workdays: ['2025-09-28', '2025-10-11'],
    },
  ],
  2026: [
    { name: '元旦', nameEn: "New Year's Day", off: ['2026-01-01', '2026-01-03'], workdays: ['2026-01-04'] },
    {
      name: '春节',
      nameEn: 'Spring Festival',
      off: ['2026-02-15', '2026-02-23'],
      workdays: ['2026-02-14', '2026-02-28'],
    },
    { name: '清明节', nameEn: 'Qingming Festival', off: ['2026-04-04', '2026-04-06'], workdays: [] },
    { name: '劳动节', nameEn: 'Labour Day', off: ['2026-05-01', '2026-05-05'], workdays: ['2026-05-09'] },
    { name: '端午节', nameEn: 'Dragon Boat Festival', off: ['2026-06-19', '2026-06-21'], workdays: [] },
    { name: '中秋节', nameEn: 'Mid-Autumn Festival', off: ['2026-09-25', '2026-09-27'], workdays: [] },
    { name: '国庆节', nameEn: 'National Day', off: ['2026-10-01', '2026-10-07'], workdays: ['2026-09-20', '2026-10-10'] },
  ],
}

const DAY_MS = 86_400_000
const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws on anything that is not a real date. */
function dayNumberOf(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate)
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: '${isoDate}'`)
  const [, year, month, day] = match.map(Number)
  const ms = Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0)
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it.
  if (new Date(ms).toISOString().slice(0, 10) !== isoDate) throw new RangeError(`not a real date: '${isoDate}'`)
  return ms / DAY_MS
}

function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear()
}

function shanghaiDayNumber(instant: Date): number {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('invalid Date')
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS)
}

// Day number → festival name, built once from the table.
const holidays = new Map<number, string>()
const adjustedWorkdays = new Map<number, string>()
for (const arrangements of Object.values(HOLIDAY_ARRANGEMENTS)) {
  for (const { name, off, workdays } of arrangements) {
    for (let day = dayNumberOf(off[0]); day <= dayNumberOf(off[1]); day++) holidays.set(day, name)
    for (const workday of workdays) adjustedWorkdays.set(dayNumberOf(workday), name)
  }
}

/** True if the table has the official arrangement for this year; otherwise days fall back to Monday–Friday. */
export function calendarCovers(year: number): boolean {
  return Object.hasOwn(HOLIDAY_ARRANGEMENTS, year)
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday'

function kindOfDay(dayNumber: number): DayKind {
  if (holidays.has(dayNumber)) return 'holiday'
  if (adjustedWorkdays.has(dayNumber)) return 'adjusted-workday'
  // 1970-01-01 was a Thursday: (day + 4) mod 7 is 0 on Sundays and 6 on Saturdays.
  const weekday = (((dayNumber + 4) % 7) + 7) % 7
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday'
}

function isWorkingDayNumber(dayNumber: number): boolean {
  const kind = kindOfDay(dayNumber)
  return kind === 'workday' || kind === 'adjusted-workday'
}

/** The Asia/Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): string {
  return isoDateOf(shanghaiDayNumber(instant))
}

/** The instant 00:00 Asia/Shanghai of a 'YYYY-MM-DD' date begins (16:00 UTC the day before). */
export function startOfShanghaiDate(isoDate: string): Date {
  return new Date(dayNumberOf(isoDate) * DAY_MS - SHANGHAI_OFFSET_MS)
}

/** What kind of day a 'YYYY-MM-DD' date is, and the festival it belongs to, if any. */
export function describeDate(isoDate: string): { kind: DayKind; festival?: string; covered: boolean } {
  const day = dayNumberOf(isoDate)
  const kind = kindOfDay(day)
  const festival = holidays.get(day) ?? adjustedWorkdays.get(day)
  return { kind, ...(festival ? { festival } : {}), covered: calendarCovers(yearOf(day)) }
}

/** True if the 'YYYY-MM-DD' date is a working day. */
export function isWorkingDate(isoDate: string): boolean {
  return isWorkingDayNumber(dayNumberOf(isoDate))
}

/** True if the Asia/Shanghai date of the instant is a working day. */
export function isWorkingDay(instant: Date): boolean {
  return isWorkingDayNumber(shanghaiDayNumber(instant))
}

/**
 * The deadline n working days after an instant: 24:00 Asia/Shanghai at the end of the n-th working day after the
 * start day, returned as the UTC instant of that 24:00 (= 00:00 of the next date, 16:00 UTC). The start day itself
 * never counts, whatever the hour, and the period always ends on a working day, as 民法典 articles 201 and 203 count
 * periods (开始的当日不计入; 最后一日截止时间为二十四时; a last day falling on a holiday moves to the next working
 * day). Something done at or after the returned instant is late. n = 0 gives the end of the start day.
 */
export function addWorkingDays(startInstant: Date, n: number): Date {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer')
  let day = shanghaiDayNumber(startInstant)
  for (let counted = 0; counted < n; ) {
    day++
    if (isWorkingDayNumber(day)) counted++
  }
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS)
}

/**
 * Working days elapsed from `start` to `end`: the working days among the Asia/Shanghai dates after start's date up
 * to and including end's date (the same "start day excluded" count as addWorkingDays). Negative when end is before
 * start. For any n ≥ 1, workingDaysBetween(s, t) = n for every t in the n-th working day after s, in particular just
 * before addWorkingDays(s, n).
 */
export function workingDaysBetween(start: Date, end: Date): number {
  const from = shanghaiDayNumber(start)
  const to = shanghaiDayNumber(end)
  if (to < from) return -workingDaysBetween(end, start)
  let count = 0
  for (let day = from + 1; day <= to; day++) if (isWorkingDayNumber(day)) count++
  return count
}
