/** Planner scenarios: shortage explained, explanations, history rule, repeat within a cycle, teachers' limits. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, MasteryLevel, Plan, Pupil } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import type { Settings } from '../../../src/core/settings/settings';
import { competencies, pupil, settingsWith, slot, teacher, workshop } from './scenario';

const comps = competencies({ Mathématiques: 8, Français: 8 });

function plan(pupils: Pupil[], settings: Settings, history: HistoryEntry[] = []): Plan {
  const needs = computeNeeds(pupils, comps, settings);
  return buildPlan({ pupils, needs, settings, pins: [], history }).plan;
}

function levels(na: number, total = 8): MasteryLevel[] {
  return Array.from({ length: total }, (_, i) => (i < na ? 1 : 3));
}

const groupOf = (p: Plan, pupilId: string, slotId?: string) => {
  const a = p.assignments.find((x) => x.pupilId === pupilId && (!slotId || x.slotId === slotId));
  return { assignment: a, group: p.groups.find((g) => g.id === a?.groupId) };
};

describe('planner scenarios', () => {
  it('explains a shortage and leaves out the pupils with the weakest needs', () => {
    const tuesday = slot('2nde', 'mardi', '10h');
    const pupils = Array.from({ length: 60 }, (_, i) => pupil(`P${String(i).padStart(2, '0')}`, '2nde', { Mathématiques: levels(1 + (i % 8)) }));
    const settings = settingsWith({
      slots: [tuesday],
      teachers: [1, 2, 3, 4].map((n) => teacher(`Maths ${n}`, ['Mathématiques'], ['remediation'], [tuesday])),
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 12, 4, 'Mathématiques')],
    });
    const result = plan(pupils, settings);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      '2nde, barrette mardi 10 h : 60 élèves pour 48 places (4 intervenants × 12) — 12 élèves sans atelier.',
    );
    expect(result.unassigned).toHaveLength(12);
    expect(result.unassigned[0]).toMatchObject({ slotId: tuesday.id, reason: 'Pas de place : 60 élèves pour 48 places (4 intervenants × 12).' });
    const score = (id: string) => computeNeeds(pupils, comps, settings, []).find((n) => n.pupilId === id)!.needs.find((n) => n.kind === 'remediation')!.score;
    const weakestPlaced = Math.min(...result.assignments.map((a) => score(a.pupilId)));
    expect(Math.max(...result.unassigned.map((u) => score(u.pupilId)))).toBeLessThanOrEqual(weakestPlaced);
  });

  it('says in one sentence why a pupil is in this workshop and not in a stronger need', () => {
    const monday = slot('2nde', 'lundi', '9h');
    const pupils = Array.from({ length: 6 }, (_, i) => pupil(`Q${i}`, '2nde', { Mathématiques: levels(8 - i % 2), Français: levels(5) }));
    const settings = settingsWith({
      slots: [monday],
      teachers: [
        teacher('Maths', ['Mathématiques'], ['remediation'], [monday]),
        teacher('Lettres', ['Français'], ['remediation'], [monday]),
      ],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 4, 1, 'Mathématiques'), workshop('Remédiation Français', 'remediation', 12, 1, 'Français')],
    });
    const result = plan(pupils, settings);
    const reasons = result.assignments.map((a) => a.reason).sort();
    expect(reasons.filter((r) => /^Remédiation mathématiques : [78] compétences sur 8 non acquises en mathématiques\.$/.test(r))).toHaveLength(4);
    expect(
      reasons.filter((r) => r === 'Remédiation français : 5 compétences sur 8 non acquises en français ; Mathématiques : atelier complet dans cette barrette ; Méthodologie : pas d’atelier possible dans cette barrette.'),
    ).toHaveLength(2);
    // The team's column keeps the ranks and scores, and proposes what would serve the strong need left out.
    const details = result.assignments.map((a) => a.detail!);
    expect(details.filter((d) => d === 'à venir : orientation')).toHaveLength(4);
    expect(
      details.filter((d) => d === 'n°3 0,59 ; Mathématiques 0,82 ; Méthodologie 0,70 ; proposition : créer l’atelier « Aide méthodologique » dans AP Ateliers ; à venir : orientation'),
    ).toHaveLength(2);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      '2nde, barrette lundi 9 h : 2 élèves avec un besoin fort sans atelier — Aide méthodologique : proposition : créer l’atelier « Aide méthodologique » dans AP Ateliers.',
    );
    const math = result.groups.find((g) => g.workshopTypeId === 'Remédiation Mathématiques')!;
    expect(math.pupilIds).toHaveLength(4);
    expect(math.sharedNeed).toMatch(/^Remédiation mathématiques : besoin moyen 0,[89]\d ; 4 élèves sur 4 avec un besoin fort \(≥ 0,60\)$/);
  });

  it('moves a pupil out of a remediation past the maximum of cycles, unless a newer positionnement still shows a strong need', () => {
    const monday = slot('1re', 'lundi', '10h');
    const settings = settingsWith({
      cycle: 3,
      slots: [monday],
      teachers: [teacher('Maths', ['Mathématiques'], ['remediation'], [monday]), teacher('CPE', ['Vie scolaire'], ['methodology'], [monday])],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques'), workshop('Aide méthodologique', 'methodology', 12, 1)],
    });
    const stale = pupil('Stale', '1re', { Mathématiques: levels(8) });
    const renewed = pupil('Renewed', '1re', { Mathématiques: levels(7) });
    const needs = computeNeeds([stale, renewed], comps, settings);
    const evidenceNow = (p: Pupil) => needs.find((n) => n.pupilId === p.id)!.needs.find((n) => n.kind === 'remediation')!.evidence;
    // The run started on the same results for « Stale », on older ones (8 « non acquis ») for « Renewed ».
    const history: HistoryEntry[] = [stale, renewed].flatMap((p) =>
      [1, 2].map((cycle) => ({
        cycle,
        pupilId: p.id,
        pupilName: p.displayName,
        className: p.className,
        level: '1re',
        slotId: monday.id,
        workshopTypeId: 'Remédiation Mathématiques',
        kind: 'remediation' as const,
        discipline: 'Maths',
        teacher: 'Maths',
        evidence: p === stale ? evidenceNow(p) : '8/0/8',
      })),
    );
    const result = buildPlan({ pupils: [stale, renewed], needs, settings, pins: [], history }).plan;
    const moved = groupOf(result, stale.id);
    expect(moved.group?.workshopTypeId).toBe('Aide méthodologique');
    expect(moved.assignment?.reason).toContain('Mathématiques laissé ce cycle après 2 cycles de suite sans nouveau positionnement (maximum 2)');
    expect(moved.assignment?.detail).toContain('Mathématiques 0,94');
    const kept = groupOf(result, renewed.id);
    expect(kept.group?.workshopTypeId).toBe('Remédiation Mathématiques');
    expect(kept.assignment?.reason).toContain('3e cycle de suite ; besoin encore fort au nouveau positionnement');
    // With several positionnements, the sentence names the one that renewed the need.
    const rounds = [
      { label: 'Positionnement de septembre', results: [] },
      { label: 'Positionnement de novembre', results: renewed.results.map((result) => ({ pupilId: renewed.id, result })) },
    ];
    const named = buildPlan({ pupils: [stale, renewed], needs: computeNeeds([stale, renewed], comps, settings, rounds), settings, pins: [], history }).plan;
    expect(groupOf(named, renewed.id).assignment?.reason).toContain('3e cycle de suite ; besoin encore fort au positionnement de novembre');
    // Without that history, the same pupil goes back to mathematics.
    expect(groupOf(plan([stale, renewed], settings), stale.id).group?.workshopTypeId).toBe('Remédiation Mathématiques');
  });

  it('serves another need in the second slot of the cycle when the first one has been served', () => {
    const monday = slot('2nde', 'lundi', '10h');
    const tuesday = slot('2nde', 'mardi', '10h');
    const settings = settingsWith({
      slots: [tuesday, monday],
      teachers: [teacher('Maths', ['Mathématiques'], ['remediation'], [monday, tuesday]), teacher('CPE', ['Vie scolaire'], ['methodology'], [monday, tuesday])],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques'), workshop('Aide méthodologique', 'methodology', 12, 1)],
    });
    const pupils = [1, 2, 3].map((i) => pupil(`R${i}`, '2nde', { Mathématiques: levels(8) }, { profile: 'despite' }));
    const result = plan(pupils, settings);
    for (const p of pupils) {
      expect(groupOf(result, p.id, monday.id).group?.workshopTypeId).toBe('Remédiation Mathématiques');
      const second = groupOf(result, p.id, tuesday.id);
      expect(second.group?.workshopTypeId).toBe('Aide méthodologique');
      // The profile is the team's: the pupil hears what the interview asks, without its label.
      expect(second.assignment?.reason).toBe('Aide méthodologique : d’après l’entretien : organiser son travail ; Mathématiques déjà suivi dans la barrette lundi 10 h.');
      expect(second.assignment?.detail).toMatch(/^n°2 0,70 ; Mathématiques 0,94 ; profil « Malgré eux »/);
    }
  });

  it('gives pupils at ease approfondissement, never nothing', () => {
    const thursday = slot('Tle', 'jeudi', '14h');
    const settings = settingsWith({
      slots: [thursday],
      teachers: [
        teacher('Maths', ['Mathématiques'], ['remediation', 'enrichment'], [thursday]),
        teacher('Lettres', ['Français'], ['remediation', 'enrichment'], [thursday]),
        teacher('Doc', ['Documentation'], ['methodology'], [thursday]),
      ],
      workshopTypes: [
        workshop('Remédiation Mathématiques', 'remediation', 12, 3, 'Mathématiques'),
        workshop('Aide méthodologique', 'methodology', 12, 3),
        workshop('Approfondissement', 'enrichment', 12, 3),
      ],
    });
    const atEase = Array.from({ length: 5 }, (_, i) => pupil(`E${i}`, 'Tle', { Mathématiques: levels(0), Français: levels(0) }, { project: 'further-study' }));
    const weak = Array.from({ length: 5 }, (_, i) => pupil(`W${i}`, 'Tle', { Mathématiques: levels(7), Français: levels(2) }));
    const result = plan([...atEase, ...weak], settings);
    expect(result.unassigned).toEqual([]);
    for (const p of atEase) expect(groupOf(result, p.id).group?.kind).toBe('enrichment');
    for (const p of weak) expect(groupOf(result, p.id).group?.kind).toBe('remediation');
  });

  it('respects teachers: one place at a time, and their yearly maximum of hours', () => {
    const second = slot('2nde', 'lundi', '10h');
    const first = slot('1re', 'lundi', '10h');
    const settings = settingsWith({
      slots: [first, second],
      teachers: [
        teacher('Maths', ['Mathématiques'], ['remediation'], [first, second]),
        teacher('Capped', ['Mathématiques'], ['remediation'], [first, second], 5),
      ],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques')],
    });
    const pupils = [pupil('A', '2nde', { Mathématiques: levels(6) }), pupil('B', '1re', { Mathématiques: levels(6) })];
    const result = plan(pupils, settings);
    expect(result.groups.map((g) => [g.slotId, g.teacher])).toEqual([[second.id, 'Maths']]);
    expect(result.unassigned).toEqual([{ pupilId: pupils[1].id, slotId: first.id, reason: 'Pas de place : 1 élève pour 0 place (aucun intervenant disponible).' }]);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'Capped n’est pas proposé(e) pour 2nde, barrette lundi 10 h : plafond de 5 h (déjà 0 h, 10,5 h de plus sur le cycle).',
    );
  });

  it('reports pupils of a level without any slot', () => {
    const settings = settingsWith({ slots: [], teachers: [], workshopTypes: [] });
    const result = plan([pupil('Z', 'Tle', { Mathématiques: levels(3) })], settings);
    expect(result.unassigned).toEqual([{ pupilId: 'nom:TMELEC|z', reason: 'Aucune barrette n’est prévue pour le niveau Tle.' }]);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning' });
  });
});
