import * as React from 'react';
import type { Decision } from '../api/types';

const DECISION_KEYS: Record<string, Decision> = { a: 'approve', r: 'reject', m: 'hide', t: 'restore' };

/**
 * The queue's keyboard: J/K or ↓/↑ move, X selects, A/R/M/T decide. Ignored while typing, while a dialog is
 * open, or with a modifier key.
 */
export function useQueueShortcuts(options: {
  enabled: boolean;
  count: number;
  move: (delta: 1 | -1) => void;
  toggleFocused: () => void;
  decide: (decision: Decision) => void;
}) {
  const latest = React.useRef(options);
  React.useLayoutEffect(() => {
    latest.current = options;
  });
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { enabled, count, move, toggleFocused, decide } = latest.current;
      const target = e.target as HTMLElement;
      if (!enabled || e.metaKey || e.ctrlKey || e.altKey || count === 0) return;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable) return;
      const k = e.key.toLowerCase();
      if (k === 'j' || e.key === 'ArrowDown') move(1);
      else if (k === 'k' || e.key === 'ArrowUp') move(-1);
      else if (k === 'x') toggleFocused();
      else if (DECISION_KEYS[k]) decide(DECISION_KEYS[k]);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
