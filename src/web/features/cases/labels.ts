import type { TFunction } from 'i18next';
import type { CaseState, Priority } from './api/cases.ts';

const PRIORITY_KEYS = { 1: 'critical', 2: 'high', 3: 'moderate', 4: 'low' } as const;

/** A priority as the portal names it, e.g. "3 - Moderate". */
export function priorityLabel(t: TFunction, priority: number): string {
  const key = PRIORITY_KEYS[priority as Priority];
  return key ? t(`cases.priorities.${key}`) : String(priority);
}

export function stateLabel(t: TFunction, state: CaseState): string {
  return t(`cases.states.${state}`);
}
