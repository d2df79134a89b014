/**
 * The front desk's words for the facts its answers carry: why a walk-in went where it did (a route's `why`,
 * src/domain/walk-in.ts RouteWhy; `route.R-ROS-9` wraps the words of the rule it stood in for, `because`) and why
 * another record may be the same person (`match.*`, src/domain/likely-match.ts MatchWhy).
 */
export const zhCN = {
  'route.R-OWN-7': 'R-OWN-7：老客户由原售楼员接待',
  'route.R-ROS-12': 'R-ROS-12：公司领导指定售楼员，视为义务接待，不计轮排',
  'route.R-OWN-9a': 'R-OWN-9a：老客户事先电话告知，售楼员已登记介绍',
  'route.R-OWN-9b': 'R-OWN-9b：老客户带新客户并指明原售楼员',
  'route.R-ROS-8': 'R-ROS-8：客户在实质接待前指定售楼员，不计轮排',
  'route.R-ROS-1': 'R-ROS-1：按轮排顺序接待',
  'route.R-ROS-6': 'R-ROS-6：所有售楼员都在接待中，客户将进入等候名单',
  'route.R-ROS-9': 'R-ROS-9：原售楼员不在，由队尾售楼员义务接待（{because}）',
  'match.same_name': '同名客户',
  'match.same_name_near': '同名客户，电话相差 {digitsOff} 位',
  'match.same_pinyin': '姓名拼音相同（{name}），电话相差 {digitsOff} 位',
  'match.phone_under_other_name': '该电话已登记在 {name} 名下（可能是家庭成员或记错号码）',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'route.R-OWN-7': 'R-OWN-7: a returning customer is received by their own consultant',
  'route.R-ROS-12': 'R-ROS-12: the leadership named the consultant; a voluntary reception, not a turn',
  'route.R-OWN-9a': 'R-OWN-9a: announced in advance by the old customer; the consultant registered the introduction',
  'route.R-OWN-9b': 'R-OWN-9b: brought by an old customer who asked for their consultant',
  'route.R-ROS-8': 'R-ROS-8: the customer named a consultant before any presentation; not a turn',
  'route.R-ROS-1': 'R-ROS-1: received in roster order',
  'route.R-ROS-6': 'R-ROS-6: every consultant is receiving; the customer joins the waiting list',
  'route.R-ROS-9': 'R-ROS-9: the customer’s consultant is not here; the back of the queue receives on their behalf ({because})',
  'match.same_name': 'same name',
  'match.same_name_near': 'same name, phone {digitsOff, plural, one {# digit} other {# digits}} different',
  'match.same_pinyin': 'same pinyin ({name}), phone {digitsOff, plural, one {# digit} other {# digits}} different',
  'match.phone_under_other_name': 'this number is registered to {name} (a family member, or a mistyped number)',
};
