/**
 * The lobby display board (大堂显示屏, #/lobby): a TV in the sales office showing who receives the next
 * walk-in, the three after them, who staffs the desk at lunch (R-ROS-11) and how many customers wait.
 *
 * No header, no sign-in, no session: it reads only the public roster.board (names, never customers).
 * It reads again when a pushed change names the roster (api/useApi), so a change at the desk shows at
 * once, and re-renders only when the answer differs from the one on screen, so the TV never flickers.
 * Web mode gives no push stream without a session (a TV browser nobody signed in on): while there is no
 * open stream (none yet, refused, or lost) it asks every 500 ms instead, as it always did. A failed read
 * keeps the last board up; the small notice shows when several reads in a row failed.
 *
 * Text is Chinese first with a small English line under it: both come from the dictionaries (zh-CN and
 * en), whatever language this machine's desk screens use.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../api/useApi';
import type { LobbyBoard } from '../api/types';
import { formatDay, type MessageKey, type Params, translate } from '../i18n';

/** how often it asks while no push stream is open */
export const LOBBY_POLL_MS = 500;
/** failed reads in a row before the notice shows: one refused or slow answer is not an outage */
const OFFLINE_AFTER = 3;

const zh = (key: MessageKey, params?: Params) => translate(key, params, 'zh-CN');
const en = (key: MessageKey, params?: Params) => translate(key, params, 'en');

/** The latest board; the same object while the answers are equal (so React re-renders only on a change). */
function useBoard(): { board: LobbyBoard | null; offline: boolean } {
  // background: a TV in the same browser as a desk must not keep that desk's person signed in
  const { data, failures } = useApi('roster.board', {}, { areas: ['roster', 'staff'], background: true, fallbackPollMs: LOBBY_POLL_MS });
  // A lost stream is noticed here too: while it is not open the board is read every LOBBY_POLL_MS.
  return { board: data ?? null, offline: failures >= OFFLINE_AFTER };
}

const twoDigits = (n: number) => String(n).padStart(2, '0');
const clockText = () => {
  const d = new Date();
  return `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}`;
};

/** Its own component: the clock ticking re-renders only itself, and only when the minute changes. */
function LobbyClock() {
  const [text, setText] = useState(clockText);
  useEffect(() => {
    const timer = setInterval(() => setText(clockText()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="lobby-clock" data-testid="lobby-clock">
      {text}
    </time>
  );
}

function weekday(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('zh-CN', { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** Why a consultant's turn changed: the rule the app applied, or the manager's words. */
function markWhy(m: LobbyBoard['marks'][number], lang: 'zh-CN' | 'en'): string {
  if (m.rule) return translate(`mark.rule.${m.rule}`, undefined, lang);
  return m.reason ?? translate('mark.noReason', undefined, lang);
}

/** Chinese label with its small English line. */
function Label({ k, params, className = '' }: { k: MessageKey; params?: Params; className?: string }) {
  return (
    <p className={`lobby-label ${className}`}>
      <span className="lobby-zh">{zh(k, params)}</span>
      <span className="lobby-en" lang="en">
        {en(k, params)}
      </span>
    </p>
  );
}

/**
 * The next name is as large as the panel allows: three Chinese characters at full size; longer names
 * (or Latin ones, about half as wide per letter) shrink to fit instead of wrapping.
 */
function nameScale(name: string): number {
  const units = [...name].reduce((sum, ch) => sum + (/[\u2e80-\u9fff\uf900-\ufaff]/.test(ch) ? 1 : 0.58), 0);
  return Math.max(0.35, Math.min(1, 3.1 / Math.max(units, 1)));
}

export function Lobby() {
  const { board, offline } = useBoard();

  useEffect(() => {
    const previous = document.title;
    document.title = `${zh('lobby.title')} · ${zh('app.title')}`;
    return () => {
      document.title = previous;
    };
  }, []);

  const state = !board ? 'loading' : !board.started ? 'not-started' : board.next ? 'next' : 'nobody-free';

  return (
    <main className={`lobby${board?.marks.length ? ' with-marks' : ''}`} data-testid="lobby" data-state={state} lang="zh-CN">
      <header className="lobby-top">
        <div className="lobby-brand">
          <span className="lobby-zh">{zh('app.title')}</span>
          <span className="lobby-en" lang="en">
            {zh('lobby.brand')} · {en('lobby.brand')}
          </span>
        </div>
        <div className="lobby-when">
          {board && (
            <span className="lobby-date" data-testid="lobby-date">
              <span className="lobby-zh">
                {formatDay(board.day, 'zh-CN')} {weekday(board.day)}
              </span>
              <span className="lobby-en" lang="en">
                {formatDay(board.day, 'en')}
              </span>
            </span>
          )}
          <LobbyClock />
        </div>
      </header>

      {board && !board.started && (
        <section className="lobby-calm" data-testid="lobby-not-started">
          <p className="lobby-calm-main">{zh('lobby.notStarted')}</p>
          <p className="lobby-calm-en" lang="en">
            {en('lobby.notStarted')}
          </p>
        </section>
      )}

      {board?.started && (
        <>
          <section className="lobby-main">
            <div className="lobby-next-panel">
              <Label k="lobby.next" />
              {board.next ? (
                <p
                  className="lobby-next-name"
                  data-testid="lobby-next"
                  data-consultant={board.next.id}
                  style={{ '--scale': nameScale(board.next.name) } as React.CSSProperties}
                >
                  {board.next.name}
                </p>
              ) : (
                <div className="lobby-nobody" data-testid="lobby-next" data-consultant="">
                  <p className="lobby-nobody-main">{zh('lobby.nobodyFree')}</p>
                  <p className="lobby-nobody-hint">{zh('lobby.nobodyFreeHint')}</p>
                  <p className="lobby-en" lang="en">
                    {en('lobby.nobodyFree')}. {en('lobby.nobodyFreeHint')}
                  </p>
                </div>
              )}
            </div>
            <div className="lobby-following-panel">
              <Label k="lobby.following" />
              {board.following.length > 0 ? (
                <ol className="lobby-following" data-testid="lobby-following">
                  {board.following.map((p, i) => (
                    <li key={p.id} data-consultant={p.id}>
                      <span className="lobby-ord">{i + 2}</span>
                      <span className="lobby-following-name">{p.name}</span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="lobby-none" data-testid="lobby-following">
                  {zh('lobby.noFollowing')}
                </p>
              )}
            </div>
          </section>

          {board.marks.length > 0 && (
            <section className="lobby-marks" data-testid="lobby-marks">
              <Label k="lobby.marks" className="lobby-marks-label" />
              <ul>
                {board.marks.map((m) => (
                  <li key={m.consultant.id} data-testid="lobby-mark" data-consultant={m.consultant.id} data-kind={m.kind}>
                    <span className="lobby-mark-name">{m.consultant.name}</span>
                    <span className={`lobby-mark-kind ${m.kind}`}>{zh(m.kind === 'priority' ? 'mark.priority' : 'mark.disqualified')}</span>
                    <span className="lobby-mark-why">{markWhy(m, 'zh-CN')}</span>
                    <span className="lobby-en" lang="en">
                      {en(m.kind === 'priority' ? 'mark.priority' : 'mark.disqualified')}: {markWhy(m, 'en')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <footer className="lobby-bottom">
            <div className="lobby-lunch">
              <Label k="lobby.lunchDesk" />
              <span className="lobby-lunch-names" data-testid="lobby-lunch">
                {board.lunchDesk.length > 0 ? board.lunchDesk.map((p) => p.name).join(zh('common.listSep')) : '—'}
              </span>
            </div>
            <div
              className={`lobby-waiting${board.waiting > 0 ? ' has-waiting' : ''}`}
              data-testid="lobby-counts"
              data-waiting={board.waiting}
              data-receiving={board.receiving}
            >
              <span className="lobby-zh">{zh('lobby.counts', { waiting: board.waiting, receiving: board.receiving })}</span>
              <span className="lobby-en" lang="en">
                {en('lobby.counts', { waiting: board.waiting, receiving: board.receiving })}
              </span>
            </div>
          </footer>
        </>
      )}

      {offline && (
        <p className="lobby-offline" role="status" data-testid="lobby-offline">
          {zh('lobby.offline')} <span lang="en">{en('lobby.offline')}</span>
        </p>
      )}
    </main>
  );
}
