/** Why a walk-in went where it did, worded from the route's facts (src/domain/walk-in.ts RouteWhy). */
import type { Verdict } from '../api/types';
import { type Translate, useT } from '../i18n';
import { RuleText } from './RuleText';

export type RouteWhy = NonNullable<NonNullable<Verdict['proposal']>['why']>;

export function routeWhyText(t: Translate, why: RouteWhy): string {
  return 'because' in why ? t('route.R-ROS-9', { because: t(`route.${why.because}`) }) : t(`route.${why.rule}`);
}

export function RouteWhyText({ why }: { why: RouteWhy }) {
  const t = useT();
  return (
    <span data-rule={why.rule}>
      <RuleText text={routeWhyText(t, why)} />
    </span>
  );
}
