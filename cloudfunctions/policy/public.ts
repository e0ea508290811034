/**
 * What other domains may use of policy (惠企政策): the closed lists of the enterprise profile
 * (industries, qualifications, headcount bound), the proxy modes, and the enterprise of a caller.
 */
export { INDUSTRIES, MAX_HEADCOUNT, QUALIFICATIONS, type ProxyMode } from './terms';
export { dayParam, enterpriseIdOf, getEnterprise, ENTERPRISE_GONE } from './shared';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { PolicyDoc, PolicyPackageDoc, PolicyClaimDoc } from './docs';
