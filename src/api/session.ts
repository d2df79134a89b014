/** Who is acting. Every service call receives it; the terminal never acts, a person does. */
export interface Session {
  staffId: string;
}

/** What one dispatch produced: the answer, and a new session when the method signed someone in or out. */
export interface DispatchOutcome<T = unknown> {
  result: import('./errors').ApiResult<T>;
  /** undefined: session unchanged; null: signed out; a Session: now acting as that person. */
  session?: Session | null;
}
