/** dcplan's version, recorded in batch manifests, reports and exports. Kept in step with package.json by test/report/version.test.ts. */
export const VERSION = '0.1.0';
