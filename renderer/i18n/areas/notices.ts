/** The desk's notices (renderer/components/DeskNotices.tsx, issue 17 item 12): facts of desk.notices in words. */
export const zhCN = {
  'notice.title': '接待台提醒',
  'notice.served': '等候的客户{customer}已自动分配给{consultant}（{time}），请带客户过去',
  'notice.long': '{consultant}接待{customer}已{duration}（{time}开始，超过{limit}）：客户如已离开，请结束接待',
  'notice.hours': '{h}小时',
  'notice.minutes': '{m}分钟',
  'notice.durationSep': '',
  'notice.dismiss': '知道了',
  'notice.finish': '结束接待',
  'lobby.receiving': '接待中 {count} 位',
  'lobby.counts': '等候 {waiting} 位 · 接待中 {receiving} 位',
  'lobby.marks': '轮次变动',
  'mark.priority': '优先轮值',
  'mark.disqualified': '本轮取消资格',
  'mark.rule.R-ROS-10': '客户拒绝后补给的优先轮值',
  'mark.rule.R-OWN-8g': '当天认定为原售楼员的客户，轮空后优先',
  'mark.noReason': '未填写原因',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'notice.title': 'Desk notices',
  'notice.served': 'Waiting customer {customer} was given to {consultant} automatically ({time}): please take them over',
  'notice.long':
    '{consultant} has been receiving {customer} for {duration} (since {time}, over {limit}): if the customer has left, finish the reception',
  'notice.hours': '{h, plural, one {# hour} other {# hours}}',
  'notice.minutes': '{m, plural, one {# minute} other {# minutes}}',
  'notice.durationSep': ' ',
  'notice.dismiss': 'Got it',
  'notice.finish': 'Finish reception',
  'lobby.receiving': '{count, plural, one {# customer} other {# customers}} in reception',
  'lobby.counts': '{waiting} waiting · {receiving} in reception',
  'lobby.marks': 'Turn changes',
  'mark.priority': 'Priority turn',
  'mark.disqualified': 'Disqualified this turn',
  'mark.rule.R-ROS-10': 'given back after a customer refused them',
  'mark.rule.R-OWN-8g': 'void turn after a same-day identification',
  'mark.noReason': 'no reason given',
};
