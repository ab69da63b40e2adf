/**
 * Values of the parameter sheets, read as a person writes them: « 2h30 », « 2 h 30 », « 2,5 h »,
 * « 150 min » are 2,5 h; « 25 élèves » is 25; « 1 250 € » is 1250. A unit that does not fit the
 * parameter (« 25h » as a group size), a text that is no quantity (« beaucoup ») or an impossible
 * value (a negative envelope) is refused with a French reason; the caller names the cell.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { cellText } from '../text';

/** What a parameter counts, which gives the units it may be written with. */
export type Quantity = 'hours' | 'pupils' | 'teachers' | 'absences' | 'weeks' | 'cycles' | 'euros' | 'ratio' | 'number';

export interface ValueRule {
  quantity: Quantity;
  min?: number;
  /** Smallest value refused (exclusive lower bound), e.g. 0 for a duration. */
  above?: number;
  max?: number;
  integer?: boolean;
}

export type ValueReading = { value: number } | { blank: true } | { problem: string };

type Dimension = 'time' | 'pupils' | 'teachers' | 'absences' | 'weeks' | 'cycles' | 'euros' | 'percent';

/** Unit words (without accents, lower case) -> what they measure and the factor to the parameter's unit. */
const UNITS: Record<string, { dimension: Dimension; factor: number }> = {
  h: { dimension: 'time', factor: 1 },
  heure: { dimension: 'time', factor: 1 },
  heures: { dimension: 'time', factor: 1 },
  min: { dimension: 'time', factor: 1 / 60 },
  mn: { dimension: 'time', factor: 1 / 60 },
  minute: { dimension: 'time', factor: 1 / 60 },
  minutes: { dimension: 'time', factor: 1 / 60 },
  eleve: { dimension: 'pupils', factor: 1 },
  eleves: { dimension: 'pupils', factor: 1 },
  repondant: { dimension: 'pupils', factor: 1 },
  repondants: { dimension: 'pupils', factor: 1 },
  enseignant: { dimension: 'teachers', factor: 1 },
  enseignants: { dimension: 'teachers', factor: 1 },
  professeurs: { dimension: 'teachers', factor: 1 },
  profs: { dimension: 'teachers', factor: 1 },
  absence: { dimension: 'absences', factor: 1 },
  absences: { dimension: 'absences', factor: 1 },
  semaine: { dimension: 'weeks', factor: 1 },
  semaines: { dimension: 'weeks', factor: 1 },
  sem: { dimension: 'weeks', factor: 1 },
  cycle: { dimension: 'cycles', factor: 1 },
  cycles: { dimension: 'cycles', factor: 1 },
  '€': { dimension: 'euros', factor: 1 },
  euro: { dimension: 'euros', factor: 1 },
  euros: { dimension: 'euros', factor: 1 },
  eur: { dimension: 'euros', factor: 1 },
  '%': { dimension: 'percent', factor: 1 / 100 },
};

/** The unit each quantity may carry (none is always allowed), and how to say what is expected. */
const QUANTITIES: Record<Quantity, { dimension: Dimension | null; expected: string; example: string }> = {
  hours: { dimension: 'time', expected: 'une durée', example: '« 2h30 », « 2,5 h » ou « 150 min »' },
  pupils: { dimension: 'pupils', expected: 'un nombre d’élèves', example: '« 25 » ou « 25 élèves »' },
  teachers: { dimension: 'teachers', expected: 'un nombre d’enseignants', example: '« 85 » ou « 85 enseignants »' },
  absences: { dimension: 'absences', expected: 'un nombre d’absences', example: '« 3 » ou « 3 absences »' },
  weeks: { dimension: 'weeks', expected: 'un nombre de semaines', example: '« 7 » ou « 7 semaines »' },
  cycles: { dimension: 'cycles', expected: 'un nombre de cycles', example: '« 2 » ou « 2 cycles »' },
  euros: { dimension: 'euros', expected: 'un montant en euros', example: '« 1250 » ou « 1 250 € »' },
  ratio: { dimension: 'percent', expected: 'un nombre de 0 à 1', example: '« 0,6 » ou « 60 % »' },
  number: { dimension: null, expected: 'un nombre', example: '« 0,9 »' },
};

/** 12 / 12,5 / 12.5 / 1 250 / 1 250,5 / 1.250,5 (spaces already single ASCII spaces). */
const NUMBER = String.raw`-?(?:\d{1,3}(?: \d{3})+|\d{1,3}(?:\.\d{3})+(?=,)|\d+)(?:[.,]\d+)?`;
/** « 1.250 » : a dot before three digits is a thousands separator in an amount of euros. */
const DOTTED_THOUSANDS = /^-?\d{1,3}(?:\.\d{3})+$/;
const AMOUNT = new RegExp(String.raw`^(${NUMBER}) ?([a-z%€]*)$`);
/** « 2h30 », « 2 h 30 », « 2 heures 30 min », « 1h05 ». */
const HOURS_MINUTES = /^(\d+) ?(?:h|heures?) ?(\d{1,2}) ?(?:min|mn|minutes?)?$/;
/** « 2:30 » typed as text. */
const CLOCK = /^(\d+):(\d{2})$/;

function toNumber(text: string, quantity: Quantity): number {
  const thousands = text.includes(',') || (quantity === 'euros' && DOTTED_THOUSANDS.test(text)) ? /[ .]/g : / /g;
  return Number(text.replace(thousands, '').replace(',', '.'));
}

/** Lower case, no accents, every kind of space and minus made plain, inner spaces single. */
function simplify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f\u2009]+/g, ' ')
    .replace(/[\u2212\u2013]/g, '-')
    .trim();
}

function frenchValue(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

function rangeText(rule: ValueRule): string {
  const unit = rule.quantity === 'hours' ? ' h' : rule.quantity === 'euros' ? ' €' : '';
  const low = rule.min ?? rule.above;
  const lowText = low === undefined ? '' : `${rule.above !== undefined && rule.min === undefined ? 'plus de' : 'au moins'} ${frenchValue(low)}${unit}`;
  const highText = rule.max === undefined ? '' : `au plus ${frenchValue(rule.max)}${unit}`;
  return [lowText, highText].filter(Boolean).join(' et ');
}

/** The quantity a text spells, in the parameter's unit, or why it spells none that fits. */
function spelledValue(typed: string, quantity: Quantity): number | string {
  const text = simplify(typed);
  const { dimension, expected, example } = QUANTITIES[quantity];
  const notIt = `ce n’est pas ${expected} (écrivez par exemple ${example})`;
  const hm = HOURS_MINUTES.exec(text) ?? CLOCK.exec(text);
  if (hm) {
    if (dimension !== 'time') return `une durée ne convient pas, il faut ${expected} (écrivez par exemple ${example})`;
    const minutes = Number(hm[2]);
    return minutes < 60 ? Number(hm[1]) + minutes / 60 : `${hm[2]} minutes : 59 au plus après les heures (écrivez par exemple ${example})`;
  }
  const match = AMOUNT.exec(text);
  if (!match) return notIt;
  const [, number, unitWord] = match;
  if (!unitWord) return toNumber(number, quantity);
  const unit = UNITS[unitWord];
  if (!unit) return notIt;
  // The unit as typed, accents kept, for the message.
  const typedUnit = /[^\d\s.,]+$/u.exec(typed.trim())?.[0] ?? unitWord;
  if (unit.dimension !== dimension) return `l’unité « ${typedUnit} » ne convient pas, il faut ${expected} (écrivez par exemple ${example})`;
  return toNumber(number, quantity) * unit.factor;
}

/**
 * Read one parameter cell. Numbers typed as numbers are taken in the parameter's unit (hours for a
 * duration); text is read with its unit. The value must then satisfy the rule's bounds.
 */
export function readValue(raw: unknown, rule: ValueRule): ValueReading {
  if (raw === null || raw === undefined || cellText(raw) === '') return { blank: true };
  let value: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { problem: 'ce n’est pas un nombre' };
    value = raw;
  } else if (typeof raw === 'string') {
    const spelled = spelledValue(raw, rule.quantity);
    if (typeof spelled === 'string') return { problem: spelled };
    value = spelled;
  } else return { problem: `ce n’est pas ${QUANTITIES[rule.quantity].expected}` };
  // Quarter-hour rounding noise from « 2h20 » and the like is not a reason to refuse an integer rule.
  const rounded = Math.round(value * 1e9) / 1e9;
  const tooLow = (rule.min !== undefined && rounded < rule.min) || (rule.above !== undefined && rounded <= rule.above);
  const tooHigh = rule.max !== undefined && rounded > rule.max;
  if (tooLow || tooHigh) {
    const excelTime = typeof raw === 'number' && rule.quantity === 'hours' && raw > 0 && raw < 1 && tooLow;
    return {
      problem: `il faut ${rangeText(rule)}${excelTime ? ' (une heure tapée « 2:30 » est lue par Excel comme un moment de la journée : écrivez « 2h30 »)' : ''}`,
    };
  }
  if (rule.integer && !Number.isInteger(rounded)) return { problem: 'il faut un nombre entier' };
  return { value: rounded };
}

/** Where a parameter cell is and what it is, to word its refusal. */
export interface ParameterCell {
  sheet: string;
  cell: string;
  /** What the value is for, e.g. « la durée de la barrette « 2nde mardi 10h » ». */
  subject: string;
  /** What is used instead, e.g. « 1 h retenue », « ligne ignorée ». */
  fallback: string;
}

/**
 * A parameter cell's value, or null when it is blank or refused; a refusal is an error naming the
 * sheet and cell, quoting what was typed, saying why and what is used instead.
 */
export function parameterValue(raw: unknown, rule: ValueRule, at: ParameterCell, diagnostics: Diagnostic[]): number | null {
  const reading = readValue(raw, rule);
  if ('value' in reading) return reading.value;
  if ('problem' in reading) {
    diagnostics.push(diagnostic('error', at.sheet, at.cell, `« ${cellText(raw)} » refusé pour ${at.subject} : ${reading.problem} ; ${at.fallback}.`));
  }
  return null;
}
