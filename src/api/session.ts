/** Who is acting. Every service call receives it; the terminal never acts, a person does. */
export interface Session {
  staffId: string;
  /**
   * The person's credential version when this session was opened (staff_credentials.session_epoch): a PIN
   * reset or deactivation moves it, and dispatch refuses the session from then on. Every session the
   * transports hold comes from session.signIn, which always sets it; one built in code without it (tests,
   * the scenario replayer) stands for version 0, the one every person starts at.
   */
  epoch?: number;
  /**
   * The desk station (issue 17 item 10, docs/security.md): a shared terminal opened once by `staffId` on this
   * office day. It stands for nobody: by itself it may only ask what the front desk sees while a walk-in is
   * typed (methods marked `station` in the spec); anything else names the person doing it, by PIN, at that
   * moment (ActingPerson). It never idles out (no person is signed in to leave behind) and closes with the day.
   */
  station?: { day: string };
  /**
   * The site (售楼处 / 项目) of an office group this session belongs to (src/db/sites.ts): chosen at sign-in, where the
   * person is one of its staff, and every call of the session runs in that site's schema and nowhere else. Absent:
   * the home site (an office group's first office), or a single office's file, which is one site.
   */
  site?: string;
}

/** Who does this one action at the desk station: checked by PIN (with the sign-in's lock) before it runs. */
export interface ActingPerson {
  staffId: string;
  pin: string;
}

/** What one dispatch produced: the answer, and a new session when the method signed someone in or out. */
export interface DispatchOutcome<T = unknown> {
  result: import('./errors').ApiResult<T>;
  /** undefined: session unchanged; null: signed out; a Session: now acting as that person. */
  session?: Session | null;
}
