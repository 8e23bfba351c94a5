/**
 * Who lives together: household templates by size (single adults, couples, parents with children,
 * three generations), with ages drawn from the census age pool so that partners are of similar age and
 * parents 22–35 years older than their children.
 */
import { MAX_AGE, type AgePool } from './age-pool.js';
import type { Random } from './random.js';

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'other';

export interface MemberSpec {
  age: number;
  male: boolean;
  relation: Relation;
}

function generationGap(random: Random): number {
  return random.between(22, 35);
}

function partnerOf(head: MemberSpec, pool: AgePool, random: Random): MemberSpec {
  return {
    age: pool.takeNear(head.age + random.normal(0, 3), 18, MAX_AGE, random),
    male: !head.male,
    relation: 'spouse',
  };
}

/**
 * A child's age, drawn first so that children are consumed from the pool in proportion: four in five
 * child slots are minors, the rest grown-up children still living with their parents.
 */
function firstChild(pool: AgePool, random: Random, maleShare: number): MemberSpec {
  const age = random.chance(0.8) ? pool.takeAny(0, 17, random) : pool.takeAny(18, 35, random);
  return { age, male: random.chance(maleShare), relation: 'child' };
}

function siblingOf(child: MemberSpec, pool: AgePool, random: Random, maleShare: number): MemberSpec {
  const gap = random.between(1, 6) * (random.chance(0.5) ? 1 : -1);
  return {
    age: pool.takeNear(child.age + gap, 0, MAX_AGE, random),
    male: random.chance(maleShare),
    relation: 'child',
  };
}

function headOverChild(childAge: number, male: boolean, pool: AgePool, random: Random): MemberSpec {
  const age = pool.takeNear(
    childAge + generationGap(random),
    Math.min(MAX_AGE, childAge + 18),
    MAX_AGE,
    random,
  );
  return { age, male, relation: 'head' };
}

function parentsOf(youngerAge: number, count: number, pool: AgePool, random: Random): MemberSpec[] {
  const first = pool.takeNear(
    youngerAge + generationGap(random),
    Math.min(MAX_AGE, youngerAge + 18),
    MAX_AGE,
    random,
  );
  // A lone grandparent is more often a widowed grandmother.
  const firstMale = count === 2 ? true : random.chance(0.4);
  const out: MemberSpec[] = [{ age: first, male: firstMale, relation: 'parent' }];
  if (count === 2)
    out.push({ age: pool.takeNear(first - 2, 40, MAX_AGE, random), male: false, relation: 'parent' });
  return out;
}

/** The members of one household of `size` people, ages taken from `pool`. */
export function composeHousehold(
  size: number,
  pool: AgePool,
  random: Random,
  maleShare: number,
): MemberSpec[] {
  if (size === 1)
    return [{ age: pool.takeAny(18, MAX_AGE, random), male: random.chance(maleShare), relation: 'head' }];
  if (size === 2 && random.chance(0.7)) {
    const head: MemberSpec = {
      age: pool.takeAny(20, MAX_AGE, random),
      male: random.chance(maleShare),
      relation: 'head',
    };
    return [head, partnerOf(head, pool, random)];
  }
  // Households with children: the children's ages are drawn first and the parents' from them.
  const couple = size === 2 ? false : size === 3 ? random.chance(0.8) : true;
  const parentsCount = couple ? 2 : 1;
  // Grandparents: one in a 3-person single-parent home, 45 % of 4-person homes, one or two from 5 up.
  const grandparents =
    size === 2
      ? 0
      : size === 3
        ? couple
          ? 0
          : 1
        : size === 4
          ? random.chance(0.45)
            ? 1
            : 0
          : random.chance(0.5)
            ? 1
            : 2;
  const childCount = Math.max(1, size - parentsCount - grandparents);
  const children: MemberSpec[] = [firstChild(pool, random, maleShare)];
  while (children.length < childCount)
    children.push(siblingOf(children[children.length - 1]!, pool, random, maleShare));
  const eldest = Math.max(...children.map((c) => c.age));
  const headMale = couple ? true : random.chance(0.35);
  const head = headOverChild(eldest, headMale, pool, random);
  const members: MemberSpec[] = [head];
  if (couple) members.push(partnerOf(head, pool, random));
  members.push(...children);
  const extra = size - members.length;
  if (extra > 0)
    members.push(
      ...parentsOf(
        Math.max(...members.filter((m) => m.relation !== 'child').map((m) => m.age)),
        Math.min(2, extra),
        pool,
        random,
      ),
    );
  while (members.length < size) members.push(siblingOf(children[0]!, pool, random, maleShare));
  return members.slice(0, size);
}
