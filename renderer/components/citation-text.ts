/**
 * A split line's citation in words (src/domain/commission.ts Citation): the server sends the rule and the facts
 * its words need; the dictionary's `cite.<rule>` words them in the reader's language.
 */
import type { RuleCitation } from '../api/types';
import type { MessageKey, Translate } from '../i18n';

// Every rule a citation can name has words: a missing one is a compile error here.
type Unworded = Exclude<`cite.${RuleCitation['rule']}`, MessageKey>;
const everyCiteWorded: [Unworded] extends [never] ? true : Unworded = true;
void everyCiteWorded;

/** Why, without the rule id (shown beside it already). */
export const citeWhy = (t: Translate, c: RuleCitation): string => t(`cite.${c.rule}`, 'params' in c ? c.params : undefined);

/** The rule id and why, as one line (a tooltip, print). */
export const citeText = (t: Translate, c: RuleCitation): string => t('cite.full', { rule: c.rule, why: citeWhy(t, c) });

/** A citation's identity among a line's: its rule and facts. */
export const citeKey = (c: RuleCitation): string => `${c.rule}${'params' in c ? JSON.stringify(c.params) : ''}`;
