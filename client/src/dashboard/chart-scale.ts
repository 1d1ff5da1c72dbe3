// Axis scales for the hand-drawn SVG charts: a round top value and evenly spaced ticks.

/** The step of about `rough` that is 1, 2 or 5 times a power of ten. */
function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** Ticks from 0 to a round value ≥ `max`, about `count` steps, whole numbers (counts). */
export function countTicks(max: number, count = 4): number[] {
  const step = Math.max(1, niceStep(Math.max(max, 1) / count));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
  return ticks;
}

/** Where `value` falls on a length of `extent` pixels when the axis ends at `top`. */
export function scale(value: number, top: number, extent: number): number {
  return top > 0 ? (Math.max(0, value) / top) * extent : 0;
}
