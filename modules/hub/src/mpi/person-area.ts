/**
 * Which persons an area-scoped user sees. A person is filed under the area a record of theirs states, else
 * under the area of the source that reported them (属地: the district that found them is responsible; see
 * `PersonLinker`). A person whose records state no area and whose sources have none stays at city level:
 * no district or street sees them, city-wide staff (a scope of a province or city code, or none) do.
 */
import { areaScopePrefix, isWithinArea } from '@shuzhi/core';
import { sql, type RawBuilder } from 'kysely';

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

/**
 * The same rule as an SQL condition on an area column (a person's, or a case's or task's, which carry their
 * person's area), for `.where(…)`.
 */
export function inPersonScope(column: string, scope: string): RawBuilder<boolean> {
  const prefix = `${areaScopePrefix(scope)}%`;
  const area = sql.ref(column);
  return isCityWide(scope)
    ? sql<boolean>`(${area} like ${prefix} or ${area} is null)`
    : sql<boolean>`${area} like ${prefix}`;
}
