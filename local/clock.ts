/**
 * Stand this process on another day: `Date` (and so dayjs, the gateway, the emulator and the seed)
 * reads `to` and runs on from there, as Debian's faketime does for a whole process. For tests that
 * must stand on a calendar edge on purpose (the last minutes of a year, a week that began last
 * month) rather than meet one by luck. Jest gives each test file its own global, so the move ends
 * with the file; `restore()` ends it sooner.
 */
export function shiftClock(to: Date): () => void {
  const Real = globalThis.Date;
  const offset = to.getTime() - Real.now();
  class Shifted extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static now(): number {
      return Real.now() + offset;
    }
  }
  globalThis.Date = Shifted as DateConstructor;
  return () => {
    globalThis.Date = Real;
  };
}
