/** The desk station: a shared terminal where each action names its person by PIN (issue 17 item 10). */
export const zhCN = {
  'station.open': '作为接待台工作站打开（共用终端：每次操作由本人输入 PIN）',
  'station.openHint':
    '接待台或经理打开一次，当天有效；工作站本身只能看排班和来访查询，登记、分配等每个操作都要当场选人并输入本人 PIN，记在本人名下。',
  'station.submit': '打开工作站',
  'station.name': '接待台工作站',
  'station.roles': '每次操作输入本人 PIN',
  'station.promptTitle': '谁在操作？',
  'station.promptFor': '{action}：请选择您本人并输入 PIN，此操作记在您的名下',
  'station.promptSubmit': '确认',
  'station.cancel': '取消',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'station.open': 'Open as the desk station (shared terminal: each action takes its person’s PIN)',
  'station.openHint':
    'Opened once a day by the front desk or a manager. By itself the station only shows the roster and the desk lookup; registering, assigning and every other action asks who is doing it and their PIN, and is recorded under them.',
  'station.submit': 'Open the station',
  'station.name': 'Desk station',
  'station.roles': 'each action takes your PIN',
  'station.promptTitle': 'Who is doing this?',
  'station.promptFor': '{action}: choose yourself and enter your PIN; this is recorded under your name',
  'station.promptSubmit': 'Confirm',
  'station.cancel': 'Cancel',
};
