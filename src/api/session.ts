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
}

/** What one dispatch produced: the answer, and a new session when the method signed someone in or out. */
export interface DispatchOutcome<T = unknown> {
  result: import('./errors').ApiResult<T>;
  /** undefined: session unchanged; null: signed out; a Session: now acting as that person. */
  session?: Session | null;
}
