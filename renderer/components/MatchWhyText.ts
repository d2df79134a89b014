/** Why another record may be the customer typed (R-OWN-8), worded from the server's facts (src/domain/likely-match.ts). */
import type { Verdict } from '../api/types';
import type { Translate } from '../i18n';

export type MatchWhy = Verdict['possibleMatches'][number]['why'];

export function matchWhyText(t: Translate, why: MatchWhy, name: string): string {
  switch (why.kind) {
    case 'same_name':
      return why.digitsOff === null ? t('match.same_name') : t('match.same_name_near', { digitsOff: why.digitsOff });
    case 'same_pinyin':
      return t('match.same_pinyin', { name, digitsOff: why.digitsOff });
    case 'phone_under_other_name':
      return t('match.phone_under_other_name', { name });
  }
}
