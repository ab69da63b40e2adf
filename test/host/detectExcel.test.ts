import { describe, expect, it } from 'vitest';
import { detectExcel, openedByExcel } from '../../src/host/detectExcel';

const EXCEL = 'excel';
const officeAnsweringAfter = (ms: number, host: unknown = EXCEL) => ({
  HostType: { Excel: EXCEL },
  onReady: () => new Promise<{ host: unknown }>((resolve) => setTimeout(() => resolve({ host }), ms)),
});

describe('is the pane inside Excel?', () => {
  it('recognises the URL Office opens the pane with', () => {
    expect(openedByExcel('?_host_Info=Excel$Win32$16.01$fr-FR$$$$0')).toBe(true);
    expect(openedByExcel('?_host_Info=Word$Win32')).toBe(false);
    expect(openedByExcel('')).toBe(false);
  });

  it('waits past 5 s for an Office.onReady that is slow inside Excel', async () => {
    const inExcel = await detectExcel({ office: officeAnsweringAfter(80), search: '?_host_Info=Excel$Web', timeoutMs: 20 });
    expect(inExcel).toBe(true);
  });

  it('gives up in a plain browser, but says so when Excel answers late after all', async () => {
    let late = false;
    const inExcel = await detectExcel({ office: officeAnsweringAfter(60), search: '', timeoutMs: 10, onLateExcel: () => (late = true) });
    expect(inExcel).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(late).toBe(true);
  });

  it('answers false outside Office, without waiting', async () => {
    expect(await detectExcel({ office: officeAnsweringAfter(5, null), search: '', timeoutMs: 1_000 })).toBe(false);
    expect(await detectExcel({ office: undefined, search: '' })).toBe(false);
  });
});
