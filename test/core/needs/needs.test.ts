/** Need scores and their French reasons. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AssessmentRound, MasteryLevel, Need, Pupil } from '../../../src/core/model';
import { computeNeeds, evidenceFactor, selfAssessmentGap } from '../../../src/core/needs';
import { makeSchool } from '../plan/fixtures';
import { competencies, pupil, settingsWith } from '../plan/scenario';

const comps = competencies({ Mathématiques: 8, Français: 8, Méthodologie: 4 });
const settings = settingsWith({ slots: [], teachers: [], workshopTypes: [] });

/** Scores with no prudence on thin evidence, as the share alone (the evidence factor is tested apart). */
const plainShare = settingsWith({ slots: [], teachers: [], workshopTypes: [] });
plainShare.weights.evidencePrudence = 0;

function needsOf(p: Pupil, s = plainShare, rounds: AssessmentRound[] = []): Map<string, Need> {
  const [result] = computeNeeds([p], comps, s, rounds);
  return new Map(result.needs.map((n) => [n.key, n]));
}

const L = (...levels: number[]) => levels as MasteryLevel[];

describe('computeNeeds', () => {
  it('scores remediation per discipline as the share of « non acquis », ECA counting half', () => {
    const needs = needsOf(pupil('A', '2nde', { Mathématiques: L(1, 1, 1, 1, 1, 3, 3), Français: L(1, 1, 2, 2, 3, 3, 3, 3) }));
    expect(needs.get('remediation:Mathématiques')).toMatchObject({ score: 0.71, reasons: ['5 compétences sur 7 non acquises en mathématiques'] });
    expect(needs.get('remediation:Français')).toMatchObject({
      score: 0.38,
      reasons: ['2 compétences sur 8 non acquises et 2 en cours d’acquisition en français'],
    });
  });

  it('ignores competencies that were not assessed (absent from the results)', () => {
    const needs = needsOf(pupil('B', '2nde', { Mathématiques: L(1, 3) }));
    expect(needs.get('remediation:Mathématiques')?.score).toBe(0.5);
    expect(needs.get('remediation:Mathématiques')?.reasons[0]).toBe('1 compétence sur 2 non acquise en mathématiques');
  });

  it('raises a remediation need when the pupil overestimates weak competencies', () => {
    const team = { Mathématiques: L(1, 1, 3, 3) };
    const plain = needsOf(pupil('C', '2nde', team)).get('remediation:Mathématiques')!;
    const over = needsOf(pupil('C', '2nde', team, { self: { Mathématiques: L(4, 4, 3, 3) } })).get('remediation:Mathématiques')!;
    expect(over.score).toBe(1);
    expect(plain.score).toBe(0.5);
    expect(over.reasons).toContain('surestime ses acquis en mathématiques');
    const noWeight = settingsWith({ slots: [], teachers: [], workshopTypes: [] });
    noWeight.weights.selfGap = 0;
    noWeight.weights.evidencePrudence = 0;
    expect(needsOf(pupil('C', '2nde', team, { self: { Mathématiques: L(4, 4, 3, 3) } }), noWeight).get('remediation:Mathématiques')?.score).toBe(0.5);
  });

  it('turns the « Malgré eux » profile into orientation and methodology needs', () => {
    const results = { Mathématiques: L(2, 3, 3, 3) };
    const base = needsOf(pupil('D', '1re', results));
    const despite = needsOf(pupil('D', '1re', results, { profile: 'despite' }));
    expect(despite.get('orientation')!.score).toBeCloseTo(base.get('orientation')!.score + 0.3, 5);
    expect(despite.get('methodology')!.score).toBeCloseTo(base.get('methodology')!.score + 0.3, 5);
    expect(despite.get('orientation')!.reasons).toContain('construire un projet');
    // The profile is for the team: never in the words the pupil hears.
    expect(despite.get('orientation')!.staffReasons).toContain('profil « Malgré eux »');
    expect(despite.get('methodology')!.staffReasons).toContain('profil « Malgré eux »');
    for (const need of despite.values()) expect(need.reasons.join(' ')).not.toMatch(/Malgré eux|profil/);
  });

  it('reads the project: BTS feeds approfondissement, a passerelle feeds orientation', () => {
    const results = { Mathématiques: L(3, 3, 3, 4), Français: L(3, 3, 4, 4) };
    const bts = needsOf(pupil('E', 'Tle', results, { project: 'further-study' }));
    const bridge = needsOf(pupil('E', 'Tle', results, { project: 'bridge' }));
    expect(bts.get('enrichment')!.reasons).toContain('projet BTS : poursuite d’études');
    expect(bts.get('enrichment')!.score).toBeGreaterThan(bridge.get('enrichment')!.score);
    expect(bridge.get('orientation')).toMatchObject({ score: 0.7, reasons: ['projet de passerelle'] });
  });

  it('gives a pupil at ease a meaningful need: approfondissement', () => {
    const needs = needsOf(pupil('F', '2nde', { Mathématiques: L(3, 3, 3, 3, 3, 3, 3, 3), Français: L(4, 4, 3, 3, 3, 3, 3, 3) }));
    expect([...needs.keys()].some((k) => k.startsWith('remediation'))).toBe(false);
    const enrichment = needs.get('enrichment')!;
    expect(enrichment.score).toBeGreaterThanOrEqual(0.7);
    expect(enrichment.reasons).toContain('à l’aise : 16 compétences acquises sur 16');
    expect([...needs.values()][0].key).toBe('enrichment');
  });

  it('feeds methodology with transversal competencies and breadth of difficulties, not a remediation of its own', () => {
    const needs = needsOf(pupil('G', '2nde', { Mathématiques: L(1, 1, 1, 2), Français: L(1, 1, 2, 3), Méthodologie: L(1, 1, 1, 3) }));
    expect(needs.has('remediation:Méthodologie')).toBe(false);
    expect(needs.get('methodology')!.score).toBeGreaterThanOrEqual(0.75);
    expect(needs.get('methodology')!.reasons).toContain('en difficulté dans 2 disciplines sur 2');
  });

  it('gives a pupil without any positionnement a default methodology need', () => {
    expect(needsOf(pupil('H', '2nde', {})).get('methodology')).toMatchObject({ score: 0.3, reasons: ['pas de positionnement : aide méthodologique par défaut'] });
  });

  it('grows with the evidence: the same share on 1 item and on 8 items does not score the same', () => {
    const thin = needsOf(pupil('I', '2nde', { Mathématiques: L(1), Français: L(1, 1, 1, 1) }), settings);
    const thick = needsOf(pupil('I', '2nde', { Mathématiques: L(1, 1, 1, 1, 1, 1, 1, 1) }), settings);
    const one = thin.get('remediation:Mathématiques')!.score;
    const four = thin.get('remediation:Français')!.score;
    const eight = thick.get('remediation:Mathématiques')!.score;
    expect(one).toBeLessThan(four);
    expect(four).toBeLessThan(eight);
    expect(one).toBeLessThan(settings.general.strongNeed + 0.1);
    expect([...thin.values()][0].key).toBe('remediation:Français');
    expect(evidenceFactor(0, 0.5)).toBe(0);
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.01, max: 5, noNaN: true }), (n, prudence) => evidenceFactor(n + 1, prudence) > evidenceFactor(n, prudence)));
  });

  it('lets the latest positionnement weigh more than an older one', () => {
    const p = pupil('J', '2nde', { Mathématiques: L(1, 1, 3, 3) });
    const [oldA, oldB, newA, newB] = p.results;
    const rounds: AssessmentRound[] = [
      { label: 'Positionnement 1', results: [oldA, oldB].map((result) => ({ pupilId: p.id, result })) },
      { label: 'Positionnement 2', results: [newA, newB].map((result) => ({ pupilId: p.id, result })) },
    ];
    const equal = needsOf(p).get('remediation:Mathématiques')!.score;
    const recent = needsOf(p, plainShare, rounds).get('remediation:Mathématiques')!.score;
    // The two « non acquis » are the older results: they weigh half, the share falls from 1/2 to 1/3.
    expect(equal).toBe(0.5);
    expect(recent).toBe(0.33);
  });

  it('gives year goals by profile: project for « Malgré eux », approfondissement for pupils at ease, methodology for a large self-assessment gap', () => {
    const goalsOf = (p: Pupil) => computeNeeds([p], comps, settings)[0].goals!.map((g) => g.kind);
    expect(goalsOf(pupil('K', '2nde', { Mathématiques: L(1, 2, 3) }, { profile: 'despite' }))).toEqual(['orientation']);
    expect(goalsOf(pupil('K', '2nde', { Mathématiques: L(1, 2, 3) }, { project: 'undecided' }))).toEqual(['orientation']);
    // Orientation is part of every pupil's year, at half the weight when no profile or project asks for it.
    expect(goalsOf(pupil('K', '2nde', { Mathématiques: L(1, 2, 3) }, { profile: 'content' }))).toEqual(['orientation', 'enrichment']);
    expect(goalsOf(pupil('K', '2nde', { Mathématiques: L(3, 3, 4, 4, 3, 3) }))).toEqual(['orientation', 'enrichment']);
    const gap = pupil('K', '2nde', { Mathématiques: L(1, 1, 4, 4) }, { self: { Mathématiques: L(4, 3, 1, 2) } });
    expect(selfAssessmentGap(gap)).toBeCloseTo((3 + 2 + 3 + 2) / 3 / 4, 5);
    expect(goalsOf(gap)).toEqual(['orientation', 'methodology']);
    const plain = computeNeeds([pupil('K', '2nde', { Mathématiques: L(1, 2, 3) })], comps, settings)[0].goals!;
    expect(plain).toEqual([{ kind: 'orientation', reason: 'accompagnement au choix d’orientation', share: 0.5 }]);
    const despite = computeNeeds([pupil('K', '2nde', { Mathématiques: L(1, 2, 3) }, { profile: 'despite' })], comps, settings)[0].goals!;
    expect(despite).toEqual([{ kind: 'orientation', reason: 'travailler son projet', staffReason: 'profil « Malgré eux »' }]);
  });

  it('reads disciplines through one vocabulary: « Maths » and « Mathématiques » are one need', () => {
    const mixed = competencies({ Maths: 2, Mathématiques: 2 });
    const p = pupil('L', '2nde', { Maths: L(1, 1), Mathématiques: L(1, 3) });
    const [result] = computeNeeds([p], mixed, plainShare);
    const remediation = result.needs.filter((n) => n.kind === 'remediation');
    expect(remediation).toHaveLength(1);
    expect(remediation[0]).toMatchObject({ key: 'remediation:Mathématiques', score: 0.75, assessed: 4 });
  });

  it('speaks to the pupil in words: no score, no profile, « à l’aise » only when a clear majority is acquired', () => {
    const levels = fc.array(fc.constantFrom(1, 2, 3, 4), { maxLength: 12 }).map((l) => L(...l));
    fc.assert(
      fc.property(
        levels,
        levels,
        fc.constantFrom(undefined, 'content', 'maybe', 'despite'),
        fc.constantFrom(undefined, 'further-study', 'undecided', 'employment', 'bridge'),
        (maths, french, profile, project) => {
          const p = pupil('G', '2nde', { Mathématiques: maths, Français: french }, { ...(profile && { profile }), ...(project && { project }) });
          const [result] = computeNeeds([p], comps, settings);
          const words = [...result.needs.flatMap((n) => n.reasons), ...result.goals!.map((g) => g.reason)];
          const all = [...maths, ...french];
          const acquired = all.filter((l) => l >= 3).length;
          for (const text of words) {
            expect(text).not.toMatch(/\d[,.]\d/);
            expect(text).not.toMatch(/profil|Malgré eux|Contents d’être là|Pourquoi pas/);
            if (text.includes('à l’aise')) expect(acquired * 3).toBeGreaterThanOrEqual(all.length * 2);
          }
          for (const n of result.needs) expect(n.reasons.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
    // « 3 compétences acquises sur 13 » is said as a count, not as « à l’aise ».
    const few = needsOf(pupil('H', '2nde', { Mathématiques: L(3, 3, 3, 2, 2, 2, 2, 2), Français: L(2, 2, 2, 2, 2) }));
    expect(few.get('enrichment')?.reasons ?? []).not.toContainEqual(expect.stringContaining('à l’aise'));
  });

  it('keeps every score between 0 and 1 with reasons, sorted from the strongest', () => {
    const school = makeSchool({ seed: 7, pupils: 300, teachers: 5 });
    for (const { needs } of computeNeeds(school.pupils, school.competencies, school.settings)) {
      expect(needs.length).toBeGreaterThan(0);
      needs.forEach((n, i) => {
        expect(n.score).toBeGreaterThan(0);
        expect(n.score).toBeLessThanOrEqual(1);
        expect(n.reasons.length).toBeGreaterThan(0);
        if (i > 0) expect(n.score).toBeLessThanOrEqual(needs[i - 1].score);
      });
    }
  });
});
