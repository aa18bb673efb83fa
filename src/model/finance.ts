/**
Money and jobs (docs/model.md §6).
*/

/** Discount factor for month m at a yearly rate (end-of-month cash flows). */
export function discountFactor(month: number, yearlyRate: number): number {
  return Math.pow(1 + yearlyRate, -(month + 1) / 12);
}

/** Construction jobs: IT MW under construction × jobs per MW. */
export function constructionJobs(racksBuilding: number, jobsPerMW: number): number {
  return ((racksBuilding * 2.5) / 1000) * jobsPerMW;
}

/** Operations jobs: live racks / 1000 × jobs per 1,000 racks. */
export function operationsJobs(liveRacks: number, jobsPer1000: number): number {
  return (liveRacks / 1000) * jobsPer1000;
}
