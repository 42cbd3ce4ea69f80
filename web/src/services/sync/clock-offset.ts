// How far this device's clock is from the server's. A time-based code is computed from the
// device clock (RFC 6238 §4.2), and a service accepts it only within about one 30 s step of its
// own time, so a clock off by more than 15 s is the usual reason a correct code "does not work".
//
// One exchange gives the server's time at some instant between sending and receiving; taking
// the midpoint of the two local times assumes the request and the answer took equally long
// (the NTP assumption, RFC 5905 §8), so the error is at most half the round trip.
export const CLOCK_WARN_MS = 15_000;

export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  /** A server time with ms precision (the /health body), when there is one. */
  time: number | null;
  /** The `Date` header, whole seconds (RFC 9110 §5.6.7): the true time is up to 1 s later. */
  date: number | null;
}

export interface ClockOffset {
  /** Add to the device clock to get the server's. */
  offsetMs: number;
  /** The measurement can be wrong by up to this much either way. */
  uncertaintyMs: number;
  roundTripMs: number;
}

export function measureOffset(sample: ClockSample): ClockOffset | null {
  const roundTripMs = sample.receivedAt - sample.sentAt;
  if (!Number.isFinite(roundTripMs) || roundTripMs < 0) return null;
  const midpoint = sample.sentAt + roundTripMs / 2;
  let server: number;
  let resolution: number;
  if (sample.time !== null && Number.isFinite(sample.time)) {
    server = sample.time;
    resolution = 0;
  } else if (sample.date !== null && Number.isFinite(sample.date)) {
    // The header drops the milliseconds: the middle of its second is the best guess.
    server = sample.date + 500;
    resolution = 500;
  } else {
    return null;
  }
  return {
    offsetMs: Math.round(server - midpoint),
    uncertaintyMs: Math.ceil(roundTripMs / 2 + resolution),
    roundTripMs,
  };
}

/** Of several exchanges, the one with the shortest round trip is the most precise. */
export function bestOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockOffset | null = null;
  for (const sample of samples) {
    const offset = measureOffset(sample);
    if (offset && (!best || offset.uncertaintyMs < best.uncertaintyMs)) best = offset;
  }
  return best;
}

/**
 * Warn only when the clock is off by more than 15 s even allowing for the measurement's own
 * error, so a slow network never causes a false alarm.
 */
export function clockIsOff(offset: ClockOffset): boolean {
  return Math.abs(offset.offsetMs) - offset.uncertaintyMs > CLOCK_WARN_MS;
}

/** "42 s behind", "3 min 5 s ahead": the device relative to the server. */
export function describeOffset(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s || (!h && !m) ? `${s} s` : ''].filter(Boolean);
  // A positive offset means the server is later than this device: the device is behind.
  return `${parts.join(' ')} ${offsetMs > 0 ? 'behind' : 'ahead'}`;
}
