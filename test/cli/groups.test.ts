/** `pilote-ap groups`: the group memberships as a `;` CSV, UTF-8 with BOM, for timetable and vie-scolaire imports. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseCsv } from '../../src/core/export';
import { groupsCsv, GROUPS_CSV_HEADERS } from '../../src/core/followup';
import { generate } from '../../src/core/pipeline';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { pupil } from '../core/plan/scenario';
import { memoryIo } from './memoryIo';

const DATE = '2026-11-20';

describe('pilote-ap groups', () => {
  it.each(['test-national.xlsx', 'par-classe.xlsx'])('writes one line per pupil and slot of %s, with the INE when known', async (fixture) => {
    const bytes = new Uint8Array(readFileSync(`test/fixtures/${fixture}`));
    const files = new Map([['/in.xlsx', bytes]]);
    const { io, out } = memoryIo(files);
    expect(await main(['groups', '/in.xlsx', '-o', '/out/groupes.csv', '--date', DATE], io)).toBe(0);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.get('/out/groupes.csv')!);
    expect(csv.startsWith('\uFEFFNom;Prénom;Classe;INE;Groupe;Atelier;Intervenant;Barrette\r\n')).toBe(true);

    const generation = await generate(await readXlsx(bytes), { today: DATE });
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...GROUPS_CSV_HEADERS]);
    expect(rows).toHaveLength(generation.plan.assignments.length);
    const expected = generation.plan.assignments.map((a) => {
      const p = generation.analysis.read.pupils.find((x) => x.id === a.pupilId)!;
      const g = generation.plan.groups.find((x) => x.id === a.groupId)!;
      return [p.lastName, p.firstName, p.className, p.ine ?? null, g.id, g.workshopTypeId, g.teacher, g.slotId].map((v) => (v === '' ? null : v)).join('\u0000');
    });
    expect(rows.map((r) => r.join('\u0000')).sort()).toEqual(expected.sort());
    if (fixture === 'test-national.xlsx') expect(rows.some((r) => r[3])).toBe(true);
    expect(out.join('')).toContain(`${generation.plan.assignments.length} inscriptions`);
  });

  it('neutralises a cell that would run as a formula', () => {
    const p = { ...pupil('=HYPERLINK("x")', '2nde', {}), ine: '1234567890A' };
    const plan = {
      groups: [{ id: 'G1', level: '2nde', slotId: 'lundi', workshopTypeId: '+Atelier', kind: 'methodology' as const, teacher: '@moi', capacity: 8, minSize: 1, pupilIds: [p.id], sharedNeed: '' }],
      assignments: [{ pupilId: p.id, slotId: 'lundi', groupId: 'G1', score: 1, reason: '', locked: false }],
      unassigned: [],
      objective: 1,
      diagnostics: [],
    };
    const line = groupsCsv(plan, [p]).split('\r\n')[1];
    expect(line).toBe(`"'=HYPERLINK(""x"")";Élève;2MELEC;1234567890A;G1;'+Atelier;'@moi;lundi`);
  });

  it('says how to use it, and exits 2, on bad usage; 1 on an unreadable file', async () => {
    const files = new Map<string, Uint8Array>();
    const { io, err } = memoryIo(files);
    expect(await main(['groups', '/in.xlsx'], io)).toBe(2);
    expect(await main(['groups', '/in.xlsx', '-o', '/out.xlsx'], io)).toBe(2);
    expect(err.join('\n')).toContain('pilote-ap groups <classeur> [autres fichiers…] -o <groupes.csv>');
    expect(await main(['groups', '/absent.xlsx', '-o', '/out.csv'], io)).toBe(1);
    expect(err.join('\n')).toContain('Impossible de lire « /absent.xlsx »');
    expect(files.size).toBe(0);
  });
});
