// `@cdr/core/time`: times in a zone (India's for the Indian providers' local times, any IANA
// zone for people), with no zod and no HTTP client, for code that shows and reads times and
// parses no Call. The Node.js check first, as every entry does.
export { minimumNodeVersion, nodeVersionProblem } from './node-version.js';
export {
  formatZonedDate,
  formatZonedDateTime,
  INDIA_TIME_ZONE,
  parseZonedDateTime,
  toZonedParts,
  type ZonedDateTimeParts,
} from './time.js';
