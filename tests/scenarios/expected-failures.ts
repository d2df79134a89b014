/**
 * The one list of scenario steps that cannot pass yet, each with the reason. The scenario test asserts
 * that exactly these steps fail — so a fix that makes one pass must also take it off this list.
 */
export const EXPECTED_FAILURES: Record<string, { steps: number[]; reason: string }> = {};
