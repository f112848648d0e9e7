/** A made-up name: no log line or error body of the whole e2e run may contain it (checked by the global teardown). */
export const CANARY = 'Zorana Canarywood';
/** What the scan looks for (the surname alone, so a truncated or re-cased copy is still found). */
export const CANARY_MARK = 'Canarywood';
