/** Whether colour is allowed: false when NO_COLOR is set to anything but the empty string (no-color.org). */
export function colorAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}
