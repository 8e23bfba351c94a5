/**
 * Which persons an area-scoped user sees. A person is filed under the area a record of theirs states, else
 * under the area of the source that reported them (属地: the district that found them is responsible; see
 * `PersonLinker`). A person whose records state no area and whose sources have none stays at city level:
 * no district or street sees them, city-wide staff (a scope of a province or city code, or none) do.
 */
import { areaScopePrefix, isWithinArea } from '@shuzhi/core';

/** GB/T 2260: 2 digits a province, 4 a city (prefecture), 6 a district or county. */
const CITY_CODE_LENGTH = 4;

/** Whether a scope covers a whole city or more (and so the persons filed at city level, with no area). */
export function isCityWide(scope: string | null): boolean {
  return scope === null || scope.length <= CITY_CODE_LENGTH;
}

/** Whether a person filed under `areaCode` (null: city level) is within the scope. */
export function isPersonWithinArea(areaCode: string | null | undefined, scope: string | null): boolean {
  return (
    isWithinArea(areaCode, scope) || ((areaCode === null || areaCode === undefined) && isCityWide(scope))
  );
}

/** The SQL condition's parts for the same rule: the LIKE prefix, and whether null areas are included. */
export function personScopeFilter(scope: string): { prefix: string; includeCityLevel: boolean } {
  return { prefix: `${areaScopePrefix(scope)}%`, includeCityLevel: isCityWide(scope) };
}
