/**
 * Server text that cites the rulebook ("…（R-OWN-8i）…"): the rule ids are set off so the reader finds the
 * rule at a glance. The text itself is the server's (Chinese, the office's rules), shown as sent.
 */
const RULE_ID = /(R-[A-Z]{2,4}-\d+[a-z]?)/g;

export function RuleText({ text }: { text: string }) {
  const parts = text.split(RULE_ID);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} className="rule-id" data-rule={p}>
            {p}
          </span>
        ) : (
          p
        ),
      )}
    </>
  );
}
