// Regions are indexed as the database holds them (广东省深圳市福田区); on screen the home province is left out.
export function regionLabel(region: string): string {
  return region.replace(/^广东省/, '')
}
