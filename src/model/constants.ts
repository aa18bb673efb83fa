/** IT load of one standard rack (标准机架), kW — the capacity unit of the Chinese plans (docs/sources.md §4.3). */
export const KW_PER_STANDARD_RACK = 2.5;
/** Hours in a model month: 8,760 h / 12, so a year of months is exactly 8,760 h. */
export const HOURS_PER_MONTH = 730;
export const MONTHS_PER_YEAR = 12;
