/** Colours of China's four warning levels as the early-warning pages draw them (text contrast ≥ 4.5:1). */
export const alertLevels = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof alertLevels)[number];

/** Fill colours for charts and maps. */
export const levelColour: Record<AlertLevel, string> = {
  blue: '#1f5fbf',
  yellow: '#f2c94c',
  orange: '#e8710a',
  red: '#b3261e',
};

/** The CSS class of a level tag (dashboard.css). */
export function levelTagClass(level: AlertLevel): string {
  return `tag level-tag level-${level}`;
}
