/**
 * Which change-feed events an area-scoped reader gets (a staff stream, a consumer's page, stream or webhook):
 * those inside its area, and those with no area only when its scope covers the whole city. The rule persons
 * are filed by (`mpi/person-area.ts`): an event with no area is about a person or record filed at city level,
 * which city-wide staff see and no district or street does.
 */
import { isPersonWithinArea } from '../mpi/person-area.js';

/** Whether an event of `areaCode` (null: none) is within the reader's scope (null: unscoped). */
export function isEventWithinArea(areaCode: string | null | undefined, scope: string | null): boolean {
  return isPersonWithinArea(areaCode, scope);
}
