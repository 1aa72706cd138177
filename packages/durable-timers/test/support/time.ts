/** A Beijing wall-clock time, "YYYY-MM-DD HH:MM", as an instant. */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}
