/**
 * When a decision was taken, as a room says it: "21:35 on 1 Dec", with the year when it is not
 * this one ("21:35 on 1 Dec 2024"). In the reader's own time zone and a 24-hour clock, the way
 * meetings minute their decisions.
 */
export function decisionTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  const date = at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${time} on ${date}`;
}
