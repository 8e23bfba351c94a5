/**
 * The incremental master person index: existing persons and their records in memory, blocked the same way
 * as batch linkage, so that a record arriving on its own is matched in tens of microseconds — to a person by a
 * valid resident ID or passport, to a person by a probabilistic link, to the review queue, or to no one.
 */
import { AppError } from '@shuzhi/core';
import { defaultBlockingRules, defaultMaxBlockSize, type BlockingRule } from './blocking.js';
import { compareBirthNumbers, compareNames, comparisonPattern, unpackPattern } from './field-comparisons.js';
import { LinkageTable, removeLastRow, sexCodes, type LinkageRecord } from './linkage-record.js';
import { allowsAutomaticLink, defaultMatchModel, type MatchModel } from './match-model.js';
import { NameFrequency, type NameFrequencyOptions } from './name-frequency.js';
import type { NameForm } from './person-name.js';
import { explainPair, type PairExplanation, type ReviewReason } from './pair-explanation.js';
import {
  defaultLinkageThresholds,
  PairScorer,
  priorLogOdds,
  type LinkageThresholds,
} from './pair-scoring.js';

export interface PersonIndexOptions {
  model?: MatchModel;
  thresholds?: LinkageThresholds;
  rules?: readonly BlockingRule[];
  maxBlockSize?: number;
  nameFrequency?: NameFrequencyOptions | false;
  /**
   * Number of records the prior odds are based on; default the records in the index. Set it to the
   * expected final size when the index starts empty, or early records link too easily.
   */
  populationSize?: number;
  /** Most candidates returned with a review or new decision (default 5). */
  maxCandidates?: number;
}

export type { ReviewReason } from './pair-explanation.js';
export { reviewReasons } from './pair-explanation.js';

export interface MatchCandidate {
  personId: string;
  /** The record of that person that matched best. */
  recordKey: string;
  /** Posterior log2 odds. */
  score: number;
  explanation: PairExplanation;
}

export type MatchDecision =
  | { outcome: 'link'; personId: string; via: 'resident-id' | 'passport' }
  | { outcome: 'link'; personId: string; via: 'probabilistic'; candidate: MatchCandidate }
  /**
   * Uncertain, or more than one person scores above the link threshold, or the record's resident ID points
   * at a person the record does not agree with (`reasons`, also in the explanation of the ID holder, who is
   * the first candidate whatever their score): a person decides.
   */
  | { outcome: 'review'; candidates: MatchCandidate[]; reasons?: ReviewReason[] }
  /** No person is likely enough; `candidates` lists the nearest for information. */
  | { outcome: 'new'; candidates: MatchCandidate[] }
  /** The record key is already in the index (re-sent record): nothing to decide. */
  | { outcome: 'known'; personId: string };

export class PersonIndex {
  private readonly table = new LinkageTable();
  private readonly personOfRow: string[] = [];
  private readonly rowsOfPerson = new Map<string, Set<number>>();
  private readonly personByResidentId = new Map<string, string>();
  private readonly residentIdOfPerson = new Map<string, string>();
  private readonly personByPassport = new Map<string, string>();
  private readonly rules: readonly BlockingRule[];
  private readonly blocks: Map<string, number[]>[];
  private readonly frequency: NameFrequency | null;
  private readonly scorer: PairScorer;
  private readonly thresholds: LinkageThresholds;

  constructor(private readonly options: PersonIndexOptions = {}) {
    this.rules = options.rules ?? defaultBlockingRules;
    this.blocks = this.rules.map(() => new Map<string, number[]>());
    this.frequency = options.nameFrequency === false ? null : new NameFrequency(options.nameFrequency || {});
    this.scorer = new PairScorer(this.table, options.model ?? defaultMatchModel, this.frequency, 0);
    this.thresholds = options.thresholds ?? defaultLinkageThresholds;
  }

  get size(): number {
    return this.table.size;
  }

  personOf(recordKey: string): string | undefined {
    const row = this.table.indexOfKey.get(recordKey);
    return row === undefined ? undefined : this.personOfRow[row];
  }

  /** The record as the index holds it (its fields when it was added), if it is in the index. */
  recordOf(recordKey: string): LinkageRecord | undefined {
    const row = this.table.indexOfKey.get(recordKey);
    return row === undefined ? undefined : this.table.records[row];
  }

  recordsOf(personId: string): string[] {
    return [...(this.rowsOfPerson.get(personId) ?? [])].map((row) => this.table.records[row]!.recordKey);
  }

  /** Decides where a record belongs without changing the index. */
  match(record: LinkageRecord): MatchDecision {
    const known = this.personOf(record.recordKey);
    if (known !== undefined) return { outcome: 'known', personId: known };
    const probe = this.table.add(record);
    try {
      return this.decide(probe);
    } finally {
      removeLastRow(this.table);
    }
  }

  /**
   * Adds a record to a person (an existing one, or a new id the caller created after a `new` decision).
   * Refuses a record whose valid resident ID differs from the person's.
   */
  add(record: LinkageRecord, personId: string): void {
    if (this.table.indexOfKey.has(record.recordKey)) {
      throw new AppError('conflict', `record ${record.recordKey} is already in the person index`);
    }
    const row = this.table.add(record);
    const id = this.table.validResidentId[row]!;
    const personsId = this.residentIdOfPerson.get(personId);
    const owner = this.personByResidentId.get(id);
    // A person already holding this ID may take the record even when the ID points at another person: after
    // a split two persons hold it (see `load`), and the hub's stored owner may be either of them.
    if (
      id !== '' &&
      ((personsId !== undefined && personsId !== id) ||
        (owner !== undefined && owner !== personId && personsId !== id))
    ) {
      removeLastRow(this.table);
      throw new AppError(
        'conflict',
        `record ${record.recordKey} has another resident ID than person ${personId}`,
      );
    }
    this.insertRow(row, personId, false);
  }

  /**
   * Adds a record to the person it is already linked to (rebuilding the index from stored links), without
   * the resident-ID check: a decision a person made stands. After a split, two persons hold the same ID — the
   * record split off carried an ID typed from a relative — and the ID keeps pointing at the person that held
   * it first, so that loading never refuses and new records with that ID still go to one person.
   */
  load(record: LinkageRecord, personId: string): void {
    if (this.table.indexOfKey.has(record.recordKey)) {
      throw new AppError('conflict', `record ${record.recordKey} is already in the person index`);
    }
    this.insertRow(this.table.add(record), personId, true);
  }

  /**
   * Where a record goes whose valid resident ID another store says belongs to `holder` (the hub's identifier
   * table, which also knows persons created from imported ids): the holder, unless the record does not
   * agree with them (see `decide`). A holder without records in the index has only the ID to go by.
   */
  matchIdHolder(record: LinkageRecord, holder: string): MatchDecision {
    const probe = this.table.add(record);
    try {
      const doubts = this.table.validResidentId[probe] === '' ? [] : this.doubtsAboutId(probe, holder);
      if (doubts.length === 0 || !this.rowsOfPerson.get(holder)?.size)
        return { outcome: 'link', personId: holder, via: 'resident-id' };
      return this.decideDoubtfulId(probe, holder, doubts);
    } finally {
      removeLastRow(this.table);
    }
  }

  /**
   * Takes a record out of the index (a corrected record, before it is matched again with its new fields).
   * Its row stays in the column store — rows keep their numbers — but belongs to no one and is never a
   * candidate again; the identifiers its person held through it are recomputed.
   */
  remove(recordKey: string): void {
    const row = this.table.indexOfKey.get(recordKey);
    if (row === undefined) return;
    const personId = this.personOfRow[row]!;
    this.table.indexOfKey.delete(recordKey);
    this.rowsOfPerson.get(personId)?.delete(row);
    this.personOfRow[row] = REMOVED;
    this.frequency?.removeRow(this.table, row);
    this.refreshIdentifiers(personId);
  }

  /**
   * How the record scores against one person (their best-matching record), or undefined when the person has
   * no record in the index or holds another valid resident ID.
   */
  scoreAgainst(record: LinkageRecord, personId: string): MatchCandidate | undefined {
    const rows = [...(this.rowsOfPerson.get(personId) ?? [])];
    if (rows.length === 0) return undefined;
    const probe = this.table.add({ ...record, recordKey: `\u0000probe\u0000${record.recordKey}` });
    try {
      if (this.conflictsWithPerson(probe, personId)) return undefined;
      return this.bestOf(probe, personId, rows);
    } finally {
      removeLastRow(this.table);
    }
  }

  private insertRow(row: number, personId: string, keepOwners: boolean): void {
    this.personOfRow.push(personId);
    this.attach(row, personId, keepOwners);
    this.frequency?.addRow(this.table, row);
    this.rules.forEach((rule, r) => {
      const key = rule.key(this.table, row);
      if (key === '') return;
      const block = this.blocks[r]!.get(key);
      if (block) block.push(row);
      else this.blocks[r]!.set(key, [row]);
    });
  }

  /**
   * Moves a record to another person (merge, unmerge). Refuses when the move would give a person two
   * different valid resident IDs.
   */
  assign(recordKey: string, personId: string): void {
    const row = this.table.indexOfKey.get(recordKey);
    if (row === undefined) throw new AppError('not_found', `record ${recordKey} is not in the person index`);
    const from = this.personOfRow[row]!;
    if (from === personId) return;
    const id = this.table.validResidentId[row]!;
    const targetId = this.residentIdOfPerson.get(personId);
    if (id !== '' && targetId !== undefined && targetId !== id) {
      throw new AppError('conflict', `record ${recordKey} has another resident ID than person ${personId}`);
    }
    this.rowsOfPerson.get(from)?.delete(row);
    this.personOfRow[row] = personId;
    this.refreshIdentifiers(from);
    this.attach(row, personId);
  }

  /** Files a row under its person; `keepOwners` leaves identifiers another person holds with that person. */
  private attach(row: number, personId: string, keepOwners = false): void {
    let rows = this.rowsOfPerson.get(personId);
    if (!rows) this.rowsOfPerson.set(personId, (rows = new Set()));
    rows.add(row);
    const id = this.table.validResidentId[row]!;
    if (id !== '') {
      if (!keepOwners || !this.personByResidentId.has(id)) this.personByResidentId.set(id, personId);
      if (!keepOwners || !this.residentIdOfPerson.has(personId)) this.residentIdOfPerson.set(personId, id);
    }
    const passport = this.table.passport[row]!;
    if (this.table.passportValid[row] && (!keepOwners || !this.personByPassport.has(passport)))
      this.personByPassport.set(passport, personId);
  }

  /** Recomputes which identifiers point at a person after one of its records moved away. */
  private refreshIdentifiers(personId: string): void {
    const rows = this.rowsOfPerson.get(personId) ?? new Set<number>();
    const id = this.residentIdOfPerson.get(personId);
    if (id !== undefined && ![...rows].some((row) => this.table.validResidentId[row] === id)) {
      this.residentIdOfPerson.delete(personId);
      if (this.personByResidentId.get(id) === personId) this.personByResidentId.delete(id);
    }
    for (const [passport, owner] of this.personByPassport) {
      if (owner === personId && ![...rows].some((row) => this.table.passport[row] === passport)) {
        this.personByPassport.delete(passport);
      }
    }
    if (rows.size === 0) this.rowsOfPerson.delete(personId);
  }

  private decide(probe: number): MatchDecision {
    const id = this.table.validResidentId[probe]!;
    const byId = id === '' ? undefined : this.personByResidentId.get(id);
    if (byId !== undefined) {
      const doubts = this.doubtsAboutId(probe, byId);
      if (doubts.length === 0) return { outcome: 'link', personId: byId, via: 'resident-id' };
      return this.decideDoubtfulId(probe, byId, doubts);
    }
    if (this.table.passportValid[probe]) {
      const byPassport = this.personByPassport.get(this.table.passport[probe]!);
      if (byPassport !== undefined && !this.conflictsWithPerson(probe, byPassport)) {
        return { outcome: 'link', personId: byPassport, via: 'passport' };
      }
    }
    const prior = priorLogOdds(Math.max(this.options.populationSize ?? 0, this.table.size));
    const best = new Map<string, { row: number; score: number; automatic: boolean }>();
    for (const row of this.candidateRows(probe)) {
      const personId = this.personOfRow[row]!;
      if (personId === REMOVED || this.conflictsWithPerson(probe, personId)) continue;
      const pattern = comparisonPattern(this.table, probe, row);
      const score = prior + this.scorer.evidenceOfPattern(pattern, probe);
      const current = best.get(personId);
      if (!current || score > current.score) {
        best.set(personId, { row, score, automatic: allowsAutomaticLink(unpackPattern(pattern)) });
      }
    }
    const ranked = [...best.entries()].sort((a, b) => b[1].score - a[1].score);
    const candidates = ranked.slice(0, this.options.maxCandidates ?? 5).map(([personId, { row, score }]) => ({
      personId,
      recordKey: this.table.records[row]!.recordKey,
      score: Math.round(score * 100) / 100,
      explanation: explainPair(
        { table: this.table, model: this.scorer.model, frequency: this.frequency, prior },
        probe,
        row,
      ),
    }));
    const top = ranked[0]?.[1];
    const aboveLink = ranked.filter(([, c]) => c.score >= this.thresholds.link).length;
    if (top && top.score >= this.thresholds.link && top.automatic && aboveLink === 1) {
      return { outcome: 'link', personId: ranked[0]![0], via: 'probabilistic', candidate: candidates[0]! };
    }
    if (top && top.score >= this.thresholds.review) return { outcome: 'review', candidates };
    return { outcome: 'new', candidates };
  }

  /**
   * Why the person holding the record's valid resident ID may not be the record's person: the record
   * contradicts its own ID (birth date, sex: GB 11643 §5 encodes both), or its name is wholly unlike every
   * name of the holder. Any of these means the ID may be the slip — a clerk's typo that still passes the
   * check digit (one random error in eleven does), or the number of a relative.
   */
  private doubtsAboutId(probe: number, holder: string): ReviewReason[] {
    const id = this.table.validResidentId[probe]!;
    const record = this.table.records[probe]!;
    const reasons: ReviewReason[] = [];
    const stated = statedBirth(record.birthDate);
    if (stated !== 0 && stated !== Number(id.slice(6, 14))) reasons.push('birth-date-contradicts-id');
    const statedSex = record.sex === 'male' ? sexCodes.male : record.sex === 'female' ? sexCodes.female : 0;
    const idSex = (id.charCodeAt(16) - 48) % 2 === 1 ? sexCodes.male : sexCodes.female;
    if (statedSex !== 0 && statedSex !== idSex) reasons.push('sex-contradicts-id');
    if (this.nameWhollyUnlike(probe, holder)) reasons.push('name-unlike-id-holder');
    return reasons;
  }

  /**
   * Whether the record's name is wholly unlike every name of the person: not the same, not a homophone or
   * slip, and no given-name character (syllable) in common. One changed character (张晓明, 张晓红) is a
   * sibling or a slip, which the birth date and sex tell apart; a name sharing nothing is another person.
   */
  private nameWhollyUnlike(probe: number, personId: string): boolean {
    const name = this.table.names[probe];
    if (!name || this.bestNameLevel(probe, personId) !== NAME_DISAGREE) return false;
    const parts = new Set(givenNameParts(name));
    for (const row of this.rowsOfPerson.get(personId) ?? []) {
      const other = this.table.names[row];
      if (other && givenNameParts(other).some((part) => parts.has(part))) return false;
    }
    return true;
  }

  /**
   * A record whose ID points at a person it does not fully agree with. A name wholly unlike the holder's
   * goes to review. A contradiction of the record's own ID is forgiven only as a slip in the other field:
   * the name agrees with the holder's (same characters or same pinyin) and the stated birth date is a
   * typing slip of the ID's (or only the sex disagrees); the pair is then linked as a probabilistic match,
   * with its explanation. Anything else goes to review, with the holder as the first candidate.
   */
  private decideDoubtfulId(probe: number, holder: string, reasons: ReviewReason[]): MatchDecision {
    const rows = [...(this.rowsOfPerson.get(holder) ?? [])];
    const candidate = this.bestOf(probe, holder, rows);
    candidate.explanation = { ...candidate.explanation, reasons };
    const id = this.table.validResidentId[probe]!;
    const nameAgrees = this.bestNameLevel(probe, holder) <= NAME_PHONETIC;
    const birthSlip =
      !reasons.includes('birth-date-contradicts-id') ||
      compareBirthNumbers(statedBirth(this.table.records[probe]!.birthDate), Number(id.slice(6, 14))) ===
        BIRTH_SLIP;
    if (!reasons.includes('name-unlike-id-holder') && nameAgrees && birthSlip)
      return { outcome: 'link', personId: holder, via: 'probabilistic', candidate };
    return { outcome: 'review', candidates: [candidate], reasons };
  }

  /** The best name agreement level between the record and any named record of a person (0: no names). */
  private bestNameLevel(probe: number, personId: string): number {
    let best = 0;
    for (const row of this.rowsOfPerson.get(personId) ?? []) {
      const level = compareNames(this.table, probe, row);
      if (level !== 0 && (best === 0 || level < best)) best = level;
    }
    return best;
  }

  /** The record's best match among these rows of one person, scored and explained. */
  private bestOf(probe: number, personId: string, rows: readonly number[]): MatchCandidate {
    const prior = priorLogOdds(Math.max(this.options.populationSize ?? 0, this.table.size));
    let bestRow = rows[0]!;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const row of rows) {
      const score = prior + this.scorer.evidenceOfPattern(comparisonPattern(this.table, probe, row), probe);
      if (score > bestScore) [bestRow, bestScore] = [row, score];
    }
    return {
      personId,
      recordKey: this.table.records[bestRow]!.recordKey,
      score: Math.round(bestScore * 100) / 100,
      explanation: explainPair(
        { table: this.table, model: this.scorer.model, frequency: this.frequency, prior },
        probe,
        bestRow,
      ),
    };
  }

  private conflictsWithPerson(probe: number, personId: string): boolean {
    const id = this.table.validResidentId[probe]!;
    const personsId = this.residentIdOfPerson.get(personId);
    return id !== '' && personsId !== undefined && personsId !== id;
  }

  private candidateRows(probe: number): Set<number> {
    const rows = new Set<number>();
    const maxBlockSize = this.options.maxBlockSize ?? defaultMaxBlockSize;
    this.rules.forEach((rule, r) => {
      const key = rule.key(this.table, probe);
      if (key === '') return;
      const block = this.blocks[r]!.get(key);
      if (!block || block.length > maxBlockSize) return;
      for (const row of block) rows.add(row);
    });
    return rows;
  }
}

/** The person of a row taken out of the index (`PersonIndex.remove`). */
const REMOVED = '';
const NAME_PHONETIC = 2;
const NAME_DISAGREE = 4;
const BIRTH_SLIP = 2;

/** The given name's syllables (Han) or words (Latin), in pinyin or lower-case letters. */
function givenNameParts(name: NameForm): string[] {
  if (name.script === 'latin') return name.given.split(/[^a-z]+/).filter(Boolean);
  let family = '';
  let k = 0;
  while (k < name.syllables.length && family !== name.family) family += name.syllables[k++];
  return name.syllables.slice(family === name.family ? k : 1);
}

/** A stated birth date as YYYYMMDD, 0 when missing or malformed. */
function statedBirth(date: string | undefined): number {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return 0;
  return Number(date.replaceAll('-', ''));
}

/** Where a record arriving on its own belongs (see `PersonIndex.match`). */
export function matchRecord(index: PersonIndex, record: LinkageRecord): MatchDecision {
  return index.match(record);
}

/** An index of existing persons, e.g. loaded from the database at start-up. */
export function createPersonIndex(
  persons: Iterable<{ personId: string; records: readonly LinkageRecord[] }>,
  options: PersonIndexOptions = {},
): PersonIndex {
  const index = new PersonIndex(options);
  for (const person of persons) for (const record of person.records) index.add(record, person.personId);
  return index;
}
