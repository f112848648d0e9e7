import { DomainException } from '@waymark/contracts';

/** The answer (410 Gone) for anything about an erased case, once the caller may know the case exists. */
export function caseErased(): DomainException {
  return new DomainException('case_erased', 'The case was erased; its data no longer exists.');
}
