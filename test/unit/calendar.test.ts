import { describe, expect, it } from 'vitest'
import {
  HOLIDAY_ARRANGEMENTS,
  addWorkingDays,
  calendarCovers,
  describeDate,
  isWorkingDate,
  isWorkingDay,
  shanghaiDate,
  startOfShanghaiDate,
  workingDaysBetween,
} from '~/domain/calendar'

/** An instant given as Asia/Shanghai wall-clock time, e.g. sh('2025-01-24 10:00'). */
function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}+08:00`)
}

function datesOf(first: string, last: string): string[] {
  const out: string[] = []
  for (let d = new Date(`${first}T00:00Z`); d <= new Date(`${last}T00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    out.push(d.toISOString().slice(0, 10))
  }
  return out
}

describe('the holiday table', () => {
  const entries = Object.entries(HOLIDAY_ARRANGEMENTS).flatMap(([year, list]) => list.map((a) => ({ year, ...a })))

  it('puts every adjusted working day on a weekend and every date in its own year', () => {
    for (const { year, off, workdays } of entries) {
      expect(off[0] <= off[1]).toBe(true)
      for (const date of [...off, ...workdays]) expect(date.slice(0, 4)).toBe(year)
      for (const date of workdays) expect([0, 6]).toContain(new Date(`${date}T00:00Z`).getUTCDay())
    }
  })

  it('never lists a date both as a holiday and as a working day', () => {
    const off = new Set(entries.flatMap(({ off: [first, last] }) => datesOf(first, last)))
    for (const { workdays } of entries) for (const date of workdays) expect(off.has(date)).toBe(false)
  })

  // Totals computed independently from the notices (days off per festival; working days in the year).
  it.each([
    [2025, 28, 248],
    [2026, 33, 248],
  ])('%i has %i days off and %i working days', (year, daysOff, workingDays) => {
    const dates = datesOf(`${year}-01-01`, `${year}-12-31`)
    expect(dates.filter((date) => describeDate(date).kind === 'holiday')).toHaveLength(daysOff)
    expect(dates.filter(isWorkingDate)).toHaveLength(workingDays)
  })
})

describe('isWorkingDate', () => {
  it.each([
    ['2025-01-01', false, '元旦, Wednesday'],
    ['2025-01-02', true, 'ordinary Thursday'],
    ['2025-01-26', true, 'Sunday worked for 春节'],
    ['2025-01-28', false, '除夕'],
    ['2025-02-04', false, 'last day of 春节'],
    ['2025-02-05', true, 'first day back'],
    ['2025-02-08', true, 'Saturday worked for 春节'],
    ['2025-04-04', false, '清明'],
    ['2025-04-27', true, 'Sunday worked for 劳动节'],
    ['2025-05-05', false, '劳动节, Monday'],
    ['2025-06-02', false, '端午, Monday'],
    ['2025-09-28', true, 'Sunday worked for 国庆'],
    ['2025-10-08', false, '国庆/中秋, Wednesday'],
    ['2025-10-11', true, 'Saturday worked for 国庆'],
    ['2025-10-12', false, 'ordinary Sunday'],
    ['2026-01-02', false, '元旦, Friday'],
    ['2026-01-04', true, 'Sunday worked for 元旦'],
    ['2026-02-14', true, 'Saturday worked for 春节'],
    ['2026-02-16', false, '春节'],
    ['2026-02-23', false, '春节, Monday'],
    ['2026-02-24', true, 'first day back'],
    ['2026-02-28', true, 'Saturday worked for 春节'],
    ['2026-04-06', false, '清明, Monday'],
    ['2026-05-05', false, '劳动节, Tuesday'],
    ['2026-05-09', true, 'Saturday worked for 劳动节'],
    ['2026-06-19', false, '端午, Friday'],
    ['2026-09-20', true, 'Sunday worked for 国庆'],
    ['2026-09-25', false, '中秋, Friday'],
    ['2026-10-07', false, '国庆, Wednesday'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, 'Saturday worked for 国庆'],
    ['2027-01-01', true, 'not covered: Friday falls back to a working day'],
    ['2027-01-02', false, 'not covered: Saturday'],
    ['2024-12-31', true, 'not covered: Tuesday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDate(date)).toBe(expected)
  })

  it.each(['2025-02-30', '2025-13-01', '25-01-01', '2025-1-1', ''])('refuses %j', (date) => {
    expect(() => isWorkingDate(date)).toThrow(RangeError)
  })
})

describe('isWorkingDay and Asia/Shanghai dates', () => {
  it('uses the Shanghai date of the instant, not the UTC date', () => {
    // 2025-01-26 (Sunday, worked) begins at 2025-01-25T16:00Z.
    expect(isWorkingDay(new Date('2025-01-25T16:00:00.000Z'))).toBe(true)
    expect(isWorkingDay(new Date('2025-01-25T15:59:59.999Z'))).toBe(false)
    expect(shanghaiDate(new Date('2025-01-25T16:00:00.000Z'))).toBe('2025-01-26')
    expect(shanghaiDate(new Date('2025-01-25T15:59:59.999Z'))).toBe('2025-01-25')
  })

  it('gives the start of a Shanghai date as a UTC instant', () => {
    expect(startOfShanghaiDate('2025-10-01').toISOString()).toBe('2025-09-30T16:00:00.000Z')
  })

  it('describes a date', () => {
    expect(describeDate('2026-02-14')).toEqual({ kind: 'adjusted-workday', festival: '春节', covered: true })
    expect(describeDate('2026-10-01')).toEqual({ kind: 'holiday', festival: '国庆节', covered: true })
    expect(describeDate('2026-03-07')).toEqual({ kind: 'weekend', covered: true })
    expect(describeDate('2027-03-08')).toEqual({ kind: 'workday', covered: false })
  })

  it('refuses an invalid Date', () => {
    expect(() => isWorkingDay(new Date('nope'))).toThrow(RangeError)
  })
})

describe('calendarCovers', () => {
  it.each([
    [2024, false],
    [2025, true],
    [2026, true],
    [2027, false],
  ])('%i → %s', (year, covered) => {
    expect(calendarCovers(year)).toBe(covered)
  })
})

describe('addWorkingDays: ends at 24:00 Shanghai of the n-th working day after the start day', () => {
  it.each([
    ['an ordinary week', '2025-03-03 10:00', 1, '2025-03-04T16:00:00.000Z'],
    ['late evening still counts as the start day', '2025-03-03 23:59', 1, '2025-03-04T16:00:00.000Z'],
    ['just after Shanghai midnight is the next day', '2025-03-04 00:30', 1, '2025-03-05T16:00:00.000Z'],
    ['over a weekend', '2025-03-07 09:00', 1, '2025-03-10T16:00:00.000Z'],
    ['onto a worked Sunday', '2025-01-24 10:00', 1, '2025-01-26T16:00:00.000Z'],
    ['over 春节 2025', '2025-01-27 10:00', 1, '2025-02-05T16:00:00.000Z'],
    ['over 国庆 2025', '2025-09-30 10:00', 2, '2025-10-10T16:00:00.000Z'],
    ['onto the worked Saturday after 国庆', '2025-10-10 10:00', 1, '2025-10-11T16:00:00.000Z'],
    ['from a holiday', '2026-02-16 10:00', 1, '2026-02-24T16:00:00.000Z'],
    ['onto the worked Saturday before 春节 2026', '2026-02-13 10:00', 1, '2026-02-14T16:00:00.000Z'],
    ['across the new year into 元旦 2026', '2025-12-31 10:00', 1, '2026-01-04T16:00:00.000Z'],
    ['into an uncovered year (Monday–Friday)', '2026-12-31 10:00', 1, '2027-01-01T16:00:00.000Z'],
    ['a five-day objection period', '2025-04-25 15:00', 5, '2025-05-06T16:00:00.000Z'],
    ['a whole year of working days', '2024-12-31 12:00', 248, '2025-12-31T16:00:00.000Z'],
    ['n = 0 is the end of the start day', '2025-10-01 10:00', 0, '2025-10-01T16:00:00.000Z'],
  ])('%s: %s + %i', (_label, start, n, expected) => {
    expect(addWorkingDays(sh(start), n).toISOString()).toBe(expected)
  })

  it.each([-1, 1.5, Number.NaN])('refuses n = %d', (n) => {
    expect(() => addWorkingDays(sh('2025-03-03 10:00'), n)).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it.each([
    ['the same day', '2025-03-03 08:00', '2025-03-03 20:00', 0],
    ['the next day', '2025-03-03 23:00', '2025-03-04 01:00', 1],
    ['Friday to Monday', '2025-03-07 10:00', '2025-03-10 10:00', 1],
    ['Friday to Sunday', '2025-03-07 10:00', '2025-03-09 10:00', 0],
    ['across 春节 2025', '2025-01-24 10:00', '2025-02-05 10:00', 3], // Sun 26 (worked), Mon 27, Wed 5,
    ['2025', '2024-12-31 10:00', '2025-12-31 10:00', 248],
    ['2026', '2025-12-31 10:00', '2026-12-31 10:00', 248],
    ['backwards', '2025-03-10 10:00', '2025-03-07 10:00', -1],
  ])('%s: %s → %s = %i', (_label, start, end, expected) => {
    expect(workingDaysBetween(sh(start), sh(end))).toBe(expected)
  })

  it('agrees with addWorkingDays: the whole n-th working day counts n', () => {
    for (const start of datesOf('2025-01-01', '2026-12-31').filter((_, i) => i % 3 === 0)) {
      const s = sh(`${start} 14:00`)
      for (const n of [1, 2, 5, 7, 15]) {
        const deadline = addWorkingDays(s, n)
        expect(workingDaysBetween(s, new Date(deadline.getTime() - 1))).toBe(n)
        expect(isWorkingDay(new Date(deadline.getTime() - 1))).toBe(true)
        expect(workingDaysBetween(s, new Date(deadline.getTime() - 86_400_001))).toBe(n - 1)
      }
    }
  })
})
