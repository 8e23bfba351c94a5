/** Household memberships (no time): who lives with whom, changeable as people move. */
import { Interner } from './interner.js';

export class Households {
  readonly ids = new Interner();
  readonly #members: number[][] = [];
  readonly #ofPerson = new Map<number, number[]>();
  #memberships = 0;

  get membershipCount(): number {
    return this.#memberships;
  }

  /** Adds `person` to the household; false when they were already a member. */
  add(person: number, householdId: string): boolean {
    const household = this.ids.intern(householdId);
    const members = (this.#members[household] ??= []);
    if (members.includes(person)) return false;
    members.push(person);
    const of = this.#ofPerson.get(person);
    if (of === undefined) this.#ofPerson.set(person, [household]);
    else of.push(household);
    this.#memberships++;
    return true;
  }

  /** Removes `person` from the household; false when they were not a member. */
  remove(person: number, householdId: string): boolean {
    const household = this.ids.find(householdId);
    if (household === undefined) return false;
    const members = this.#members[household] ?? [];
    const at = members.indexOf(person);
    if (at < 0) return false;
    members.splice(at, 1);
    const of = this.#ofPerson.get(person) ?? [];
    of.splice(of.indexOf(household), 1);
    if (of.length === 0) this.#ofPerson.delete(person);
    this.#memberships--;
    return true;
  }

  householdsOf(person: number): readonly number[] {
    return this.#ofPerson.get(person) ?? [];
  }

  membersOf(household: number): readonly number[] {
    return this.#members[household] ?? [];
  }
}
